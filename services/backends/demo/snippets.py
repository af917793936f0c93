"""Canned replies of the demo team, in English and French: (language, title, body)."""

from __future__ import annotations

from services.domain import Snippet

_SNIPPETS = (
    ("en", "Pairing: 2.4 GHz network",
     "The thermostat only joins 2.4 GHz Wi-Fi networks. If your router uses one name for 2.4 and 5 GHz, "
     "please turn off the 5 GHz band while pairing (you can switch it back on afterwards), then hold the "
     "dial for 10 seconds and add the device again from the app."),
    ("en", "Firmware: safe restart",
     "If the update seems stuck for more than an hour, take the thermostat off its wall plate for 10 "
     "seconds and put it back. It restarts on the previous version and tries again later; your schedule "
     "and settings are kept."),
    ("en", "Warranty replacement: what we need",
     "Thermia thermostats have a 2-year warranty. To start a replacement, please send a photo of your "
     "receipt and confirm your delivery address. You keep your current unit until the new one arrives."),
    ("en", "Marketplace order: apology and express replacement",
     "I'm very sorry about your order. A replacement is leaving today by express delivery and you'll get "
     "the tracking number by e-mail within the hour. There is nothing to pay, and you don't need to send "
     "anything back before it arrives."),
    ("en", "Pre-sale: free trial",
     "You can try every feature free for 30 days, no card needed. If you'd like a 20-minute call with a "
     "product specialist, just tell me two or three times that suit you."),
    ("en", "Factura: accountant access",
     "You can invite your accountant under Settings > Users with the 'Accountant' role. They can download "
     "exports and reports but cannot create or change invoices, and it isn't a paid seat."),
    ("en", "Factura: reverse charge set-up",
     "On the customer's page, set 'VAT treatment' to 'EU business, reverse charge'. Their invoices then "
     "get 0% VAT and the legal mention automatically. The customer's VAT number must be valid first."),
    ("en", "Two-factor reset: identity check",
     "For your security, before I reset two-factor authentication, could you reply from the address on "
     "the account and tell me the amount of your last invoice from us?"),
    ("en", "Refund timing",
     "The refund has been issued. Depending on your bank, it takes 5 to 10 working days to show on your "
     "statement. You'll find the credit note under Settings > Billing."),
    ("en", "Closing: solved",
     "Glad it's sorted! I'm closing this ticket; if anything else comes up, just reply to this e-mail "
     "and it will reopen."),
    ("en", "Asking for a screenshot",
     "Could you send me a screenshot of what you see on screen? It helps me find out exactly where it "
     "goes wrong."),
    ("fr", "Appairage : réseau 2,4 GHz",
     "Le thermostat ne se connecte qu'aux réseaux Wi-Fi 2,4 GHz. Si votre box utilise le même nom pour le "
     "2,4 et le 5 GHz, désactivez le 5 GHz le temps de l'appairage (vous pourrez le réactiver ensuite), "
     "maintenez la molette 10 secondes puis ajoutez l'appareil depuis l'appli."),
    ("fr", "Mise à jour : redémarrage sans risque",
     "Si la mise à jour semble bloquée depuis plus d'une heure, retirez le thermostat de son socle "
     "10 secondes puis remettez-le. Il repart sur la version précédente et réessaiera plus tard ; votre "
     "programmation est conservée."),
    ("fr", "Garantie : pièces nécessaires",
     "Les thermostats Thermia sont garantis 2 ans. Pour lancer l'échange, envoyez-moi une photo de la "
     "facture ou du ticket de caisse et confirmez votre adresse de livraison. Vous gardez l'appareil "
     "actuel jusqu'à l'arrivée du nouveau."),
    ("fr", "Commande marketplace : excuses et envoi express",
     "Je suis sincèrement désolé pour votre commande. Un remplacement part aujourd'hui en express et vous "
     "recevrez le numéro de suivi par e-mail dans l'heure. Vous n'avez rien à payer ni à renvoyer avant "
     "sa réception."),
    ("fr", "Avant-vente : essai gratuit",
     "Vous pouvez essayer toutes les fonctionnalités gratuitement pendant 30 jours, sans carte bancaire. "
     "Si un rendez-vous de 20 minutes avec un spécialiste vous intéresse, indiquez-moi deux ou trois "
     "créneaux."),
    ("fr", "Factura : export FEC",
     "Le fichier FEC se génère dans Rapports > Export comptable > FEC. Si le logiciel de votre comptable "
     "le refuse, envoyez-moi le message d'erreur complet avec le numéro de ligne : je vérifierai "
     "l'écriture concernée."),
    ("fr", "Factura : autoliquidation",
     "Sur la fiche du client, choisissez « Régime de TVA : professionnel UE, autoliquidation ». Ses "
     "factures passeront à 0 % avec la mention légale ajoutée automatiquement. Le numéro de TVA du client "
     "doit être valide."),
    ("fr", "Double authentification : vérification d'identité",
     "Pour votre sécurité, avant de réinitialiser la double authentification, pouvez-vous me répondre "
     "depuis l'adresse du compte en m'indiquant le montant de votre dernière facture ?"),
    ("fr", "Délai de remboursement",
     "Le remboursement est effectué. Selon votre banque, il faut compter 5 à 10 jours ouvrés pour le voir "
     "sur votre relevé. L'avoir est disponible dans Réglages > Facturation."),
    ("fr", "Clôture : problème résolu",
     "Ravi que ce soit réglé ! Je clôture ce ticket ; si besoin, il suffit de répondre à cet e-mail pour "
     "le rouvrir."),
)


def make_snippets() -> list[Snippet]:
    return [Snippet(remote_id=str(number), title=title, body=body, language=lang)
            for number, (lang, title, body) in enumerate(_SNIPPETS, start=1)]
