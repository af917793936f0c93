"""English writing for the demo workspace: Thermia (thermostats), Factura (invoicing) and billing."""

from __future__ import annotations

from services.backends.demo import text_en_factura, text_en_thermia
from services.backends.demo.topics import ALPHA, BETA, FACTURA, THERMIA, Language, Phrases, thanks_topics

PHRASES = Phrases(
    customer_greetings=("Hello,", "Hi,", "Hi there,", "Good morning,", "Hello {product} team,"),
    customer_signoffs=("Thanks,", "Thank you,", "Best regards,", "Cheers,", "Kind regards,"),
    agent_greetings=("Hello {first},", "Hi {first},", "Dear {first},"),
    agent_signoffs=("Best regards,", "Kind regards,", "All the best,"),
    team="{product} Support",
    followups=(
        "I tried what you suggested but nothing changed. Is there anything else I can do?",
        "Sorry for the late reply, I was away for a few days. I'll try again tonight and let you know.",
    ),
    nudges=(
        "Any news on this? It's been a few days and I still can't use it properly.",
        "Just checking that you received my message, I haven't heard back.",
    ),
    replies=(
        "Thanks for the update. I've passed the details to our technical team and I'll get back to you as "
        "soon as I hear from them, by tomorrow at the latest.",
        "Thank you for your patience. I'm still looking into this with my colleagues and will write again "
        "as soon as I have something concrete.",
        "Thanks for trying that. Could you send me a screenshot of what you see? It will help me find out "
        "exactly where it goes wrong.",
    ),
    notes=(
        "Same kind of issue as a few months ago for this customer, see their history.",
        "Escalated to level 2; they expect to have an answer tomorrow.",
        "Reproduced it on the test account: same behaviour.",
        "Tried to call the customer to speed things up, no answer. Replying by e-mail.",
    ),
    duplicate="Duplicate of the customer's other ticket about the same problem; answered there.",
    thanks=(
        "That did it, everything works now. Thank you for your help!",
        "Perfect, thanks a lot for the quick answer.",
        "All good now. Thanks again, great support!",
    ),
    closings=(
        "Glad to hear it! I'm closing this ticket; just reply to this e-mail if you need anything else.",
        "Great news, thanks for letting me know. Have a good day!",
    ),
    quote_header="On {date}, {product} Support wrote:",
    tasks=(
        "Call back on Friday to check the replacement unit arrived",
        "Check their CSV export again once FAC-1184 is deployed",
        "Send the installer guide for the Power Adapter",
        "Follow up on the volume quote with sales",
        "Confirm the refund reached their card",
    ),
)

_THANKS = thanks_topics(
    {THERMIA: ALPHA, FACTURA: BETA},
    subjects=("Thank you!", "Great support", "Just a thank you"),
    openings=(
        "No question this time, just a thank you. Your colleague helped me last week and everything has "
        "worked perfectly since. It's rare to get such clear answers from a support team.",
        "I was ready to give up on {product} last month, and your team took the time to sort it out "
        "properly. I wanted you to know it made a difference. Keep up the good work!",
    ),
    replies=(
        "Thank you so much for taking the time to write; it made the whole team's day. Don't hesitate to "
        "get in touch if you ever need anything.",
    ),
)

ENGLISH = Language("en", text_en_thermia.TOPICS + text_en_factura.TOPICS + text_en_factura.BILLING_TOPICS
                   + _THANKS, PHRASES)
