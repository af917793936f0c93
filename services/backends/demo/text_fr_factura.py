"""Conversations en français sur la facturation Factura (« Product Beta ») et les paiements (« Billing »)."""

from __future__ import annotations

from services.backends.demo.topics import BETA, BILLING, FACTURA, THERMIA, Topic

TOPICS = (
    Topic(
        "export", BETA, FACTURA, (20, 55), 9,
        subjects=("Export FEC refusé par le logiciel de mon comptable", "Export des factures {of_month}",
                  "Fichier FEC : « montant non équilibré »"),
        openings=(
            "Mon expert-comptable me demande le fichier FEC de l'exercice et celui généré par Factura est "
            "refusé par son logiciel : « Ligne 214 : montant non équilibré ». Je dois lui transmettre les "
            "pièces avant la fin de la semaine pour la liasse fiscale.\n\nJe suis sur l'offre {plan}, une "
            "centaine de factures sur la période.",
            "J'essaie d'exporter toutes les factures {of_month} en PDF dans un seul zip, mais au bout de "
            "quelques minutes j'obtiens « Une erreur est survenue, veuillez réessayer plus tard ». Ça marche "
            "semaine par semaine, mais c'est fastidieux.\n\nY a-t-il une limite au nombre de factures ?",
        ),
        replies=(
            "Merci pour le signalement. La ligne 214 correspond à un avoir saisi avec un arrondi différent "
            "de la facture d'origine ; le FEC exige un équilibre au centime près. J'ai corrigé l'arrondi sur "
            "votre compte, vous pouvez relancer l'export (Rapports > Export comptable > FEC).\n\nSi le "
            "logiciel de votre comptable signale autre chose, envoyez-moi le message d'erreur complet.",
            "L'export zip s'arrête à 200 factures ou 10 minutes de traitement, et les PDF avec pièces "
            "jointes atteignent parfois la limite de temps avant. En attendant, Rapports > Export comptable "
            "prépare le fichier en arrière-plan et vous envoie un lien par e-mail, sans limite.\n\nJ'ai "
            "signalé à l'équipe produit que le message d'erreur devrait le dire.",
        ),
        followups=(
            "Le FEC passe maintenant, merci. Mais trois factures ont une TVA à 0 alors qu'elles sont à 20 % "
            ": la {invoice} et les deux suivantes.",
            "L'export en arrière-plan a marché. Mon comptable peut-il le télécharger directement, sans mes "
            "identifiants ?",
        ),
        notes=(
            "Arrondi des avoirs (bug FAC-1184). Script de correction lancé sur ce compte.",
            "L'accès « Comptable » existe sur toutes les offres payantes.",
        ),
        resolutions=(
            "Ces trois factures étaient des avoirs retransformés en factures, ce qui avait vidé le taux de "
            "TVA. Je les ai corrigées, l'export est complet. Désolé pour ce travail en plus juste avant la "
            "clôture.",
            "Oui : dans Réglages > Utilisateurs, invitez votre comptable avec le rôle « Comptable ». Il "
            "pourra télécharger exports et rapports sans pouvoir créer ni modifier de facture, et ce n'est "
            "pas un utilisateur payant.",
        ),
    ),
    Topic(
        "vat", BETA, FACTURA, (30, 60), 7,
        subjects=("Numéro de TVA {vat} refusé", "Facturer un client belge : autoliquidation ?",
                  "Vérification TVA impossible pour un client allemand"),
        openings=(
            "J'ajoute un nouveau client professionnel en Allemagne et Factura m'indique que son numéro de "
            "TVA {vat} est invalide. Je l'ai vérifié avec le client, il est correct et figure sur son papier "
            "à en-tête.\n\nJe dois envoyer la facture aujourd'hui. Peut-on passer outre la vérification ?",
            "J'ai mon premier client dans un autre pays de l'UE, une société belge. Si j'ai bien compris, je "
            "ne dois pas facturer la TVA et indiquer « autoliquidation » sur la facture. Comment faire dans "
            "Factura ? Je ne veux pas me tromper vis-à-vis des impôts.",
        ),
        replies=(
            "Factura vérifie les numéros de TVA auprès du service européen VIES, parfois indisponible pour "
            "un pays pendant quelques heures, comme ce matin pour l'Allemagne.\n\nVous pouvez enregistrer le "
            "client quand même : cochez « Enregistrer sans vérifier » sous le champ TVA. Factura revérifiera "
            "cette nuit et affichera une coche verte une fois le numéro confirmé.",
            "Bonne question, et c'est rapide à régler. Sur la fiche du client, choisissez « Régime de TVA : "
            "professionnel UE, autoliquidation ». Ses factures passeront à 0 % avec la mention « "
            "Autoliquidation, article 283-2 du CGI » ajoutée automatiquement.\n\nLe numéro de TVA du client "
            "doit être valide, renseignez-le d'abord.",
        ),
        followups=(
            "C'est enregistré, merci. La coche est encore orange, je dois attendre avant d'envoyer la "
            "facture ?",
            "C'est fait, la mention apparaît bien. Dois-je déclarer ces ventes ailleurs ?",
        ),
        notes=("VIES indisponible pour DE entre 8 h et 11 h 30 aujourd'hui (page d'état).",),
        resolutions=(
            "Vous pouvez envoyer la facture : la coche orange indique seulement que la vérification est en "
            "attente, elle ne change rien à la facture. Les ventes intracommunautaires figurent aussi sur "
            "votre déclaration de TVA et sur l'état récapitulatif ; votre comptable saura quelles cases "
            "remplir.",
        ),
    ),
    Topic(
        "login", BETA, FACTURA, (40, 75), 8,
        subjects=("Impossible de me connecter : code de double authentification refusé",
                  "Je ne reçois pas l'e-mail de réinitialisation", "Compte bloqué"),
        openings=(
            "Depuis ce matin mes codes de double authentification sont refusés (« code invalide »). "
            "J'utilise l'appli d'authentification sur mon téléphone comme d'habitude. J'ai changé de "
            "téléphone la semaine dernière, c'est peut-être lié ?\n\nJ'ai des factures à envoyer "
            "aujourd'hui, merci de m'aider rapidement.",
            "J'ai demandé trois fois la réinitialisation de mon mot de passe et je ne reçois jamais "
            "l'e-mail. J'ai regardé dans les indésirables. Mon identifiant est {email}.\n\nMa collègue "
            "{colleague} arrive toujours à se connecter au compte de la société, mais pas moi.",
        ),
        replies=(
            "Désolé pour ce blocage. Après un changement de téléphone, l'appli d'authentification ne reprend "
            "pas toujours l'entrée Factura, ou bien l'horloge du téléphone est légèrement décalée, ce qui "
            "rend tous les codes invalides.\n\nVérifiez que l'heure du téléphone est réglée automatiquement. "
            "Si les codes sont toujours refusés, je peux réinitialiser la double authentification, mais il "
            "me faut d'abord le montant de votre dernière facture Factura.",
            "Merci d'avoir vérifié. Notre serveur a bien envoyé les trois e-mails, et le serveur de "
            "messagerie de votre société les a rejetés (« policy violation »). Pouvez-vous demander à votre "
            "informaticien d'autoriser notifications@factura.example.com ? En attendant, {colleague} peut "
            "réinitialiser votre mot de passe depuis Réglages > Utilisateurs.",
        ),
        followups=(
            "L'heure était bonne. Ma dernière facture chez vous était de {amount} EUR.",
            "Notre informaticien a autorisé l'adresse et l'e-mail est arrivé. Je suis connecté, merci.",
        ),
        notes=(
            "Identité vérifiée (montant de la dernière facture correct). Double authentification "
            "réinitialisée.",
            "Journal des rejets : « 550 5.7.1 policy violation » côté serveur du client.",
        ),
        resolutions=(
            "Identité confirmée, merci. J'ai réinitialisé la double authentification : à la prochaine "
            "connexion, vous scannerez un nouveau QR code. Gardez bien les codes de secours affichés.",
            "Parfait, merci pour la confirmation. Si votre messagerie nous bloque de nouveau, l'adresse à "
            "autoriser est notifications@factura.example.com.",
        ),
    ),
    Topic(
        "presale_beta", BETA, FACTURA, (55, 85), 5,
        subjects=("Questions avant de souscrire", "Migration depuis un autre logiciel de facturation",
                  "Facturation électronique 2026 : êtes-vous prêts ?"),
        openings=(
            "Nous sommes une équipe de 6 personnes qui gère deux petites sociétés (mêmes associés). Avant de "
            "souscrire : peut-on gérer les deux sociétés dans un seul compte Factura, avec une numérotation "
            "séparée ? Et la facturation électronique obligatoire (Factur-X) est-elle prévue ?",
            "Nous utilisons un autre logiciel et envisageons de passer à Factura. Nous avons environ 3 000 "
            "factures et 400 clients. Pouvez-vous les importer ? Nous devons conserver l'historique 10 ans.",
        ),
        replies=(
            "Merci de l'intérêt que vous portez à Factura ! Oui sur les deux points :\n\n- L'offre Business "
            "gère plusieurs sociétés dans un compte, chacune avec sa numérotation, son logo et son RIB.\n- "
            "Les factures sont déjà émises au format Factur-X, et nous serons raccordés à une plateforme "
            "agréée avant l'échéance légale.\n\nVous pouvez tout essayer 30 jours gratuitement, sans carte "
            "bancaire. Un rendez-vous de 20 minutes avec un spécialiste vous serait-il utile ?",
            "Oui : l'outil d'import reprend clients et factures depuis un fichier CSV ou directement depuis "
            "les logiciels courants. Les factures importées gardent leur numéro d'origine en lecture seule, "
            "l'historique reste donc complet.\n\nSi vous m'envoyez un extrait (10 lignes suffisent), je "
            "vérifie qu'il passe avant que vous vous engagiez.",
        ),
        followups=(
            "Un rendez-vous serait parfait. Jeudi après-midi ?",
            "Extrait en pièce jointe. Combien coûte l'offre Business pour 6 utilisateurs en paiement annuel "
            "?",
        ),
        notes=("Avant-vente, 6 utilisateurs, deux sociétés : profil Business. Voir avec les commerciaux en "
               "cas de demande de remise.",),
        resolutions=(
            "J'ai réservé jeudi à 15 h avec Léa, de notre équipe produit ; l'invitation arrive par e-mail. "
            "Pour 6 utilisateurs en paiement annuel, l'offre Business revient à {amount} EUR HT par an.",
            "Votre extrait passe sans erreur : clients, numéros de facture et TVA sont bien repris. Pour "
            "6 utilisateurs en paiement annuel, l'offre Business revient à {amount} EUR HT par an, import "
            "compris.",
        ),
    ),
)

BILLING_TOPICS = (
    Topic(
        "refund_plan", BILLING, FACTURA, (40, 70), 4,
        subjects=("Demande de remboursement de l'abonnement annuel", "Débité pour un an au lieu d'un mois"),
        openings=(
            "J'ai souscrit par erreur l'offre {plan} annuelle le {date} au lieu de la mensuelle. Pouvez-vous "
            "rembourser le paiement annuel ({amount} EUR) et me passer en mensuel ? Je n'ai utilisé le "
            "compte que pour des essais.",
        ),
        replies=(
            "Aucun souci, cela arrive. J'ai passé votre compte en offre {plan} mensuelle et remboursé "
            "{amount} EUR sur la carte utilisée ; le premier prélèvement mensuel a lieu aujourd'hui.",
        ),
        followups=("Merci. Quand verrai-je le remboursement sur ma carte ?",),
        notes=("Remboursement effectué dans la console de paiement, référence sur la facture.",),
        resolutions=(
            "Un remboursement met 5 à 10 jours ouvrés à apparaître sur le relevé, selon la banque. L'avoir "
            "de {amount} EUR est disponible dans Réglages > Facturation.",
        ),
    ),
    Topic(
        "refund_return", BILLING, THERMIA, (40, 70), 3,
        subjects=("Toujours pas remboursé (commande {order})",
                  "Thermostat retourné, remboursement en attente"),
        openings=(
            "J'ai retourné mon thermostat dans les 30 jours (commande {order}). D'après le suivi, le colis "
            "vous est parvenu il y a {days} jours, mais je n'ai toujours pas été remboursé.",
        ),
        replies=(
            "Désolé pour l'attente. L'entrepôt a bien reçu votre retour mais le remboursement n'a pas été "
            "déclenché. Je viens de rembourser {amount} EUR ; vous recevrez un e-mail de confirmation.",
        ),
        followups=("J'ai reçu la confirmation, merci. Combien de temps avant de le voir sur mon compte ?",),
        notes=("Retour scanné à l'arrivée mais jamais traité ; signalé au responsable de l'entrepôt.",),
        resolutions=("Il faut en général 3 à 5 jours ouvrés pour le voir sur votre compte bancaire.",),
    ),
    Topic(
        "invoice_copy", BILLING, FACTURA, (10, 35), 3,
        subjects=("Facture au nom de la société, svp", "Duplicata de la facture {invoice}"),
        openings=(
            "Notre service comptable a besoin de la facture {invoice} au nom de {org} avec notre numéro de "
            "TVA {vat}, et non à mon nom. Pourriez-vous la rééditer ?",
            "Je ne retrouve plus la facture {invoice} dans mon compte, pouvez-vous m'en envoyer un duplicata "
            "? Notre commissaire aux comptes la réclame.",
        ),
        replies=(
            "Bien sûr. J'ai mis à jour les coordonnées de facturation et réédité la {invoice} ; le nouveau "
            "PDF est joint et disponible dans Réglages > Facturation. Les prochaines factures reprendront "
            "ces coordonnées.",
            "Voici le duplicata de la {invoice}. Toutes vos factures sont aussi dans Réglages > Facturation "
            "> Historique, téléchargeables en PDF à tout moment.",
        ),
        followups=("Parfait, merci. Pouvez-vous aussi corriger les deux mois précédents ?",
                   "Merci. Je ne voyais pas l'onglet Historique, c'est parce que je n'ai pas les droits "
                   "d'administration ?"),
        notes=("Les factures rééditées gardent leur numéro avec un suffixe de révision.",),
        resolutions=("C'est fait : les deux factures précédentes sont rééditées au nom de la société.",
                     "Oui, seuls les administrateurs voient la facturation. Je vous ai donné le droit "
                     "« Facturation » pour que vous puissiez télécharger les factures vous-même."),
    ),
    Topic(
        "double_charge", BILLING, FACTURA, (50, 80), 2,
        subjects=("Prélevé deux fois ce mois-ci", "Deux paiements de {amount} EUR sur mon relevé"),
        openings=(
            "Mon relevé bancaire montre deux prélèvements de {amount} EUR au nom de Factura le {date}. Je "
            "n'ai qu'un abonnement. Merci de rembourser le doublon.",
        ),
        replies=(
            "Vous avez raison, et je m'en excuse : une nouvelle tentative de paiement est passée alors que "
            "la première avait réussi. Je viens de rembourser les {amount} EUR en double.",
        ),
        followups=("D'accord, merci. Est-ce que ça risque de se reproduire ?",),
        notes=("Double prélèvement dû au bug des nouvelles tentatives de paiement ; remboursé et ajouté "
               "à l'incident.",),
        resolutions=("Non : le problème a été corrigé cette semaine et nous vérifions tous les comptes "
                     "concernés.",),
    ),
)
