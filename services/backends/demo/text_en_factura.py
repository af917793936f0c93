"""English conversations about Factura invoicing ("Product Beta") and about payments ("Billing")."""

from __future__ import annotations

from services.backends.demo.topics import BETA, BILLING, FACTURA, THERMIA, Topic

TOPICS = (
    Topic(
        "export", BETA, FACTURA, (20, 55), 9,
        subjects=("CSV export: VAT column is empty", "Export of {month} invoices for my accountant",
                  "VAT amounts missing from my invoice export"),
        openings=(
            "When I export my invoices to CSV (Invoices > Export), the VAT amount column is empty on every "
            "line, although the PDF invoices show the VAT correctly. My accountant needs this file for the "
            "quarterly return by the end of the week.\n\nI'm on the {plan} plan, about 120 invoices in the "
            "period.",
            "I'm trying to export all the invoices of {month} as PDFs in one zip for my accountant, but "
            "after a few minutes I get 'Something went wrong, please try again later'. It works if I export "
            "one week at a time, but that's tedious.\n\nIs there a limit on the number of invoices?",
        ),
        replies=(
            "Thanks for reporting this. The VAT column is filled from the tax rate of each line, and "
            "invoices created from a quote before March used an older field. I've run a fix on your account "
            "that copies the rates across, so the column should be filled if you export again now.\n\nCould "
            "you check? If anything still looks wrong, please send me one invoice number as an example.",
            "The zip export stops at 200 invoices or 10 minutes of work, and PDFs with attachments can hit "
            "the time limit first. As a workaround, Reports > Accounting export builds the file in the "
            "background and e-mails you a link when it's ready; it has no limit.\n\nI've also told the "
            "product team that the error message should say so.",
        ),
        followups=(
            "The column is filled now, but three invoices show 0.00 VAT although they're at 20%: {invoice} "
            "and the two after it.",
            "The background export worked. Is there a way for my accountant to download it directly, "
            "without my login?",
        ),
        notes=(
            "Legacy tax field issue (bug FAC-1184). Ran the migration script on this account.",
            "Accountant access is available on every paid plan, role 'Accountant'.",
        ),
        resolutions=(
            "Those three were credit notes turned back into invoices, which left the tax rate empty. I've "
            "corrected them and the export is complete now. Sorry for the extra work right before your "
            "VAT return.",
            "Yes: under Settings > Users you can invite your accountant with the 'Accountant' role. They can "
            "download exports and reports but can't create or change invoices, and it's not a paid seat.",
        ),
    ),
    Topic(
        "vat", BETA, FACTURA, (30, 60), 7,
        subjects=("VAT number {vat} rejected", "How do I invoice without VAT (reverse charge)?",
                  "VAT check fails for a German customer"),
        openings=(
            "I'm adding a new business customer in Germany and Factura says their VAT number {vat} is "
            "invalid. I checked with the customer, it's correct and it's on their letterhead.\n\nI need "
            "to send the invoice today. Can I skip the check?",
            "I have my first client in another EU country, a company in Belgium. As far as I understand I "
            "shouldn't charge VAT and should mention the reverse charge on the invoice. How do I do that in "
            "Factura? I don't want to get it wrong with the tax office.",
        ),
        replies=(
            "Factura checks VAT numbers with the EU's VIES service, which is sometimes down for a country "
            "for a few hours, as it was this morning for Germany.\n\nYou can save the customer anyway: tick "
            "'Save without checking' under the VAT field. Factura checks again tonight and shows a green "
            "tick once VIES confirms the number.",
            "Good question, and it's quick to set up. On the customer's page, set 'VAT treatment' to 'EU "
            "business, reverse charge'. Their invoices then get 0% VAT and the legal mention 'Reverse "
            "charge, Article 196 of Directive 2006/112/EC' automatically.\n\nThe customer's VAT number must "
            "be valid for this, so add it first.",
        ),
        followups=(
            "Saved it, thanks. The tick is still orange though, should I wait before sending the invoice?",
            "Done, the mention is on the invoice. Do I need to declare it anywhere else?",
        ),
        notes=("VIES was down for DE between 8:00 and 11:30 today (status page).",),
        resolutions=(
            "You can send the invoice now: the orange tick only means the check is pending, it doesn't "
            "change the invoice. Intra-EU sales also go on your VAT return and the EC Sales List; your "
            "accountant will know the exact boxes.",
        ),
    ),
    Topic(
        "login", BETA, FACTURA, (40, 75), 8,
        subjects=("Can't log in: two-factor code rejected", "Password reset e-mail never arrives",
                  "Locked out of my account"),
        openings=(
            "Since this morning my two-factor codes are refused ('invalid code'). I'm using the "
            "authenticator app on my phone as usual. I changed phones last week, maybe that's related?"
            "\n\nI have invoices to send today, please help.",
            "I asked for a password reset three times and never received the e-mail. I checked the spam "
            "folder. My login is {email}.\n\nMy colleague {colleague} can still log in to our company "
            "account, but I can't.",
        ),
        replies=(
            "Sorry you're locked out. After a change of phone the authenticator app sometimes doesn't carry "
            "the Factura entry over, or the phone's clock is slightly off, which makes every code "
            "invalid.\n\nPlease check that your phone sets its time automatically. If the codes are still "
            "refused, I can reset two-factor authentication, but first I need you to tell me the amount of "
            "your last Factura invoice.",
            "Thanks for checking the spam folder. Our server sent the three e-mails and your company's mail "
            "server refused them as a 'policy violation'. Could you ask your IT contact to allow "
            "notifications@factura.example.com? Meanwhile, {colleague} can reset your password as an admin "
            "from Settings > Users.",
        ),
        followups=(
            "The clock was fine. My last invoice from you was {amount} EUR.",
            "Our IT person allowed the address and the e-mail arrived. I'm in, thanks.",
        ),
        notes=(
            "Identity checked (last invoice amount matches). Two-factor reset.",
            "Bounce log: '550 5.7.1 policy violation' from the customer's mail server.",
        ),
        resolutions=(
            "Identity confirmed, thank you. I've reset two-factor authentication: at your next login you'll "
            "scan a new QR code. Please keep the backup codes it shows somewhere safe.",
            "Great, thanks for confirming. If your mail server ever blocks us again, the address to allow "
            "is notifications@factura.example.com.",
        ),
    ),
    Topic(
        "presale_beta", BETA, FACTURA, (55, 85), 5,
        subjects=("Questions before subscribing", "Switching from another invoicing tool",
                  "Do you have an API?"),
        openings=(
            "We're a team of 6 running two small companies with the same owners. Before subscribing: can we "
            "manage both companies in one Factura account, with separate invoice numbering? And is there an "
            "API so our online shop can create invoices automatically?",
            "We use another invoicing tool today and are thinking of moving to Factura. We have about 3,000 "
            "invoices and 400 customers. Can you import them? We must keep the history for 10 years.",
        ),
        replies=(
            "Thanks for considering Factura! Yes to both:\n\n- The Business plan holds several companies in "
            "one account, each with its own numbering, logo and bank details.\n- The REST API comes with "
            "every paid plan, with examples for the common online shops.\n\nYou can try everything free for "
            "30 days, no card needed. Would a 20-minute call with a product specialist help?",
            "Yes: the import tool takes customers and past invoices from a CSV file or straight from the "
            "common tools. Imported invoices keep their original numbers as read-only records, so your "
            "history stays complete.\n\nIf you send me a sample export (10 lines is enough), I'll check it "
            "before you commit.",
        ),
        followups=(
            "A call would be great. Thursday afternoon?",
            "Sample attached. How much is the Business plan for 6 users, billed yearly?",
        ),
        notes=("Pre-sale, 6 seats, two companies: good fit for Business. Loop in sales if they ask for a "
               "discount.",),
        resolutions=(
            "I've booked Thursday at 3 pm with Léa from our product team; the invitation is on its way. For "
            "6 users billed yearly the Business plan comes to {amount} EUR a year before VAT.",
            "Your sample imports cleanly: customers, invoice numbers and VAT all come through. For 6 users "
            "billed yearly the Business plan comes to {amount} EUR a year before VAT, and the import is "
            "free.",
        ),
    ),
)

BILLING_TOPICS = (
    Topic(
        "refund_plan", BILLING, FACTURA, (40, 70), 4,
        subjects=("Refund request for my annual subscription", "Charged for a year instead of a month"),
        openings=(
            "I subscribed to the annual {plan} plan by mistake on {date}; I meant to choose monthly. Could "
            "you refund the annual payment ({amount} EUR) and move me to the monthly plan? I've only used "
            "the account for testing.",
        ),
        replies=(
            "No problem, that happens. I've switched your account to the monthly {plan} plan and refunded "
            "{amount} EUR to the card you paid with; the first monthly payment is taken today instead.",
        ),
        followups=("Thanks. When will I see the money back on my card?",),
        notes=("Refund issued in the payment console, reference on the invoice.",),
        resolutions=(
            "Refunds take 5 to 10 working days to show on a card statement, depending on the bank. You'll "
            "find a credit note for {amount} EUR under Settings > Billing.",
        ),
    ),
    Topic(
        "refund_return", BILLING, THERMIA, (40, 70), 3,
        subjects=("Still waiting for my refund (order {order})", "Returned thermostat, no refund yet"),
        openings=(
            "I returned my thermostat within the 30 days (order {order}). According to the tracking the "
            "parcel reached you {days} days ago, but I still haven't been refunded.",
        ),
        replies=(
            "Sorry for the wait. The warehouse received your return but the refund step was not triggered. "
            "I've issued the refund of {amount} EUR now; you'll receive a confirmation e-mail shortly.",
        ),
        followups=("I got the confirmation, thanks. How long until it's on my account?",),
        notes=("Return scanned on arrival but never processed; reported to the warehouse lead.",),
        resolutions=("It usually takes 3 to 5 working days to appear on your bank account.",),
    ),
    Topic(
        "invoice_copy", BILLING, FACTURA, (10, 35), 3,
        subjects=("Invoice with our company name, please", "Need a copy of invoice {invoice}"),
        openings=(
            "Our accounts department needs invoice {invoice} made out to {org} with our VAT number {vat}, "
            "not to my name. Could you reissue it?",
            "I can't find invoice {invoice} in my account anymore, could you send me a copy? Our auditor is "
            "asking for it.",
        ),
        replies=(
            "Of course. I've updated the billing details and reissued {invoice}; the new PDF is attached "
            "and also available under Settings > Billing. Future invoices will use these details too.",
            "Here is a copy of {invoice}. Every past invoice is also under Settings > Billing > History, "
            "where you can download them as PDFs at any time.",
        ),
        followups=("Perfect, thanks. Can you also fix the two previous months?",
                   "Thanks. I couldn't find the History tab because I'm not an admin, is that why?"),
        notes=("Reissued invoices keep the same number with a revision suffix.",),
        resolutions=("Done: both earlier invoices are reissued with the company details.",
                     "Yes, only admins see billing. I've given you the 'Billing' permission so you can "
                     "download invoices yourself."),
    ),
    Topic(
        "double_charge", BILLING, FACTURA, (50, 80), 2,
        subjects=("Charged twice this month", "Two payments of {amount} EUR on my statement"),
        openings=(
            "My bank statement shows two payments of {amount} EUR to Factura on {date}. I only have one "
            "subscription. Please refund the duplicate.",
        ),
        replies=(
            "You're right, and I'm sorry: a payment retry went through although the first attempt had "
            "succeeded. I've refunded the duplicate {amount} EUR just now.",
        ),
        followups=("OK, thank you. Will this happen again?",),
        notes=("Duplicate charge from the payment retry bug; refunded. Added to the incident list.",),
        resolutions=("No: the retry problem was fixed this week, and we're checking every account it "
                     "touched.",),
    ),
)
