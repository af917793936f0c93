"""Écriture en français de l'espace de démonstration : formules communes, remerciements, tâches."""

from __future__ import annotations

from services.backends.demo import text_fr_factura, text_fr_thermia
from services.backends.demo.topics import ALPHA, BETA, FACTURA, THERMIA, Language, Phrases, thanks_topics

PHRASES = Phrases(
    customer_greetings=("Bonjour,", "Bonjour,", "Bonsoir,", "Bonjour à toute l'équipe,", "Madame, Monsieur,"),
    customer_signoffs=("Merci d'avance,", "Cordialement,", "Bien cordialement,", "Merci,",
                       "Bonne journée,"),
    agent_greetings=("Bonjour {first},", "Bonjour {name},"),
    agent_signoffs=("Cordialement,", "Bien à vous,", "Belle journée,"),
    team="Support {product}",
    followups=(
        "J'ai essayé ce que vous m'avez conseillé mais rien n'a changé. Y a-t-il autre chose à tenter ?",
        "Désolé pour le délai, j'étais absent quelques jours. Je réessaie ce soir et je vous tiens au "
        "courant.",
    ),
    nudges=(
        "Avez-vous du nouveau ? Cela fait plusieurs jours et je ne peux toujours pas l'utiliser "
        "correctement.",
        "Je me permets de relancer, je n'ai pas eu de réponse à mon message.",
    ),
    replies=(
        "Merci pour ce retour. J'ai transmis les détails à notre équipe technique et je reviens vers vous "
        "dès que j'ai leur réponse, au plus tard demain.",
        "Merci pour votre patience. J'étudie toujours la question avec mes collègues et je vous écris dès "
        "que j'ai du concret.",
        "Merci d'avoir essayé. Pourriez-vous m'envoyer une capture d'écran de ce qui s'affiche ? Cela "
        "m'aidera à voir exactement où ça bloque.",
    ),
    notes=(
        "Même type de problème il y a quelques mois pour ce client, voir son historique.",
        "Escaladé au niveau 2, réponse attendue demain.",
        "Reproduit sur le compte de test : même comportement.",
        "Tenté d'appeler le client pour aller plus vite, pas de réponse. Je réponds par e-mail.",
    ),
    duplicate="Doublon de l'autre ticket du client sur le même problème ; réponse apportée là-bas.",
    thanks=(
        "C'était bien ça, tout fonctionne maintenant. Merci beaucoup pour votre aide !",
        "Parfait, merci pour la réponse rapide.",
        "Tout est rentré dans l'ordre. Encore merci, super service !",
    ),
    closings=(
        "Ravi de l'apprendre ! Je clôture ce ticket ; il suffit de répondre à cet e-mail si besoin.",
        "Excellente nouvelle, merci de m'avoir tenu au courant. Très bonne journée !",
    ),
    quote_header="Le {date}, le support {product} a écrit :",
    tasks=(
        "Rappeler vendredi pour confirmer la réception du thermostat de remplacement",
        "Envoyer le guide de migration Factur-X dès sa publication",
        "Vérifier que le remboursement est bien arrivé",
        "Relancer le cabinet comptable pour l'accès « Comptable »",
        "Préparer un devis pour les 14 logements avec l'équipe commerciale",
    ),
)

_THANKS = thanks_topics(
    {THERMIA: ALPHA, FACTURA: BETA},
    subjects=("Merci !", "Un grand merci au support", "Juste un mot pour vous remercier"),
    openings=(
        "Pas de question cette fois, juste un grand merci. Votre collègue m'a aidé la semaine dernière et "
        "tout fonctionne parfaitement depuis. C'est rare d'avoir des réponses aussi claires.",
        "J'étais prêt à abandonner {product} le mois dernier et votre équipe a pris le temps de tout régler. "
        "Je voulais vous dire que ça a fait la différence. Continuez comme ça !",
    ),
    replies=(
        "Merci infiniment d'avoir pris le temps d'écrire, toute l'équipe est ravie. N'hésitez pas à revenir "
        "vers nous au moindre besoin.",
    ),
)

FRENCH = Language("fr", text_fr_thermia.TOPICS + text_fr_factura.TOPICS + text_fr_factura.BILLING_TOPICS
                  + _THANKS, PHRASES)
