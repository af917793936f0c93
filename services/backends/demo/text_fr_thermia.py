"""Conversations en français sur les thermostats connectés Thermia (la file « Product Alpha »)."""

from __future__ import annotations

from services.backends.demo.topics import ALPHA, THERMIA, Topic

TOPICS = (
    Topic(
        "pairing", ALPHA, THERMIA, (30, 60), 10,
        subjects=("Impossible d'appairer le thermostat avec l'application",
                  "{model} bloqué sur « Connexion en cours… »", "Le thermostat n'apparaît plus dans l'appli"),
        openings=(
            "J'ai installé mon {model} samedi dernier et impossible de l'appairer avec l'application. Le "
            "voyant clignote en bleu, l'appli trouve bien l'appareil mais reste bloquée sur « Connexion en "
            "cours… » puis affiche « Échec de l'appairage (code {error}) ».\n\nJ'ai déjà redémarré la box et "
            "le téléphone, et réessayé juste à côté du thermostat. Mon Wi-Fi a le même nom en 2,4 GHz et en "
            "5 GHz, est-ce que ça peut poser problème ?\n\nLe numéro de série est {serial}.",
            "Depuis notre changement de fournisseur internet la semaine dernière, le thermostat a disparu de "
            "l'application. J'ai suivi la procédure de réinitialisation du manuel (appui long de 10 secondes "
            "sur la molette), l'appairage démarre mais ne se termine jamais.\n\nLe chauffage fonctionne "
            "depuis le thermostat, mais je ne peux plus rien piloter à distance, ce qui était tout l'intérêt "
            "de l'achat.\n\nVersion de l'appli : {app_version}, sur iPhone.",
        ),
        replies=(
            "Merci pour ces précisions, elles m'aident beaucoup.\n\nLe {model} ne se connecte qu'en 2,4 GHz, "
            "et certaines box l'orientent vers le 5 GHz quand les deux bandes portent le même nom. "
            "Pouvez-vous essayer ceci :\n\n1. Dans l'interface de la box, désactivez temporairement le 5 "
            "GHz.\n2. Sur le thermostat, maintenez la molette 10 secondes jusqu'à ce que le voyant clignote "
            "en bleu.\n3. Dans l'appli, allez dans Appareils > Ajouter un appareil et recommencez.",
            "Désolé pour ce désagrément. Une nouvelle box, c'est un nouveau nom de réseau et un nouveau mot "
            "de passe : le thermostat doit donc être appairé de nouveau.\n\nSupprimez d'abord l'ancien "
            "appareil dans l'appli (Appareils > {model} > Supprimer), puis relancez l'appairage. Si cela "
            "bloque toujours au même endroit, pouvez-vous m'indiquer le modèle de votre box ?",
        ),
        followups=(
            "J'ai coupé le 5 GHz et l'appairage a fonctionné du premier coup. Je peux le réactiver "
            "maintenant ou le thermostat va de nouveau perdre la connexion ?",
            "Toujours rien. J'ai supprimé l'appareil et réessayé trois fois, ça bloque à la dernière étape "
            "avec le code {error}. C'est la box fournie par l'opérateur.",
        ),
        notes=(
            "Code {error} à l'appairage = délai DHCP dépassé. Connu avec certaines box qui activent "
            "l'isolation des clients par défaut. Demandé au client de vérifier.",
            "Vérifié dans la console : série {serial}, firmware {fw_old}, dernière connexion il y a {days} "
            "jours. Rien d'anormal de notre côté.",
        ),
        resolutions=(
            "Oui, vous pouvez réactiver le 5 GHz : une fois appairé, le thermostat mémorise le réseau "
            "2,4 GHz et y reste. Si la connexion tombe un jour, l'appli affichera un bandeau et le "
            "réappairage prend moins d'une minute.",
            "L'« isolation des clients » était activée sur la box, ce qui empêche le thermostat de dialoguer "
            "avec votre téléphone. La désactiver (Wi-Fi > Paramètres avancés) est sans risque et permet de "
            "terminer l'appairage. J'ai noté l'historique sur votre compte pour mes collègues.",
        ),
    ),
    Topic(
        "firmware", ALPHA, THERMIA, (30, 70), 9,
        subjects=("Mise à jour bloquée à {pct} %", "Le thermostat redémarre en boucle depuis la {fw_new}",
                  "Échec de la mise à jour, l'écran affiche {error}"),
        openings=(
            "Hier soir, l'appli m'a proposé une mise à jour du firmware ({fw_old} vers {fw_new}). J'ai "
            "accepté et ce matin la barre de progression est toujours bloquée à {pct} %. Le chauffage a "
            "l'air de tourner mais je ne peux plus rien régler sur l'appareil.\n\nEst-ce que je peux le "
            "débrancher ? Je n'ai pas envie de le rendre inutilisable, et il fait -2 °C dehors.",
            "Depuis la mise à jour automatique en {fw_new}, mon {model} redémarre toutes les deux ou trois "
            "minutes : logo Thermia, température pendant quelques secondes, puis ça recommence. C'est comme "
            "ça depuis hier soir.\n\nPeut-on revenir à la version précédente ?",
        ),
        replies=(
            "Surtout ne le débranchez pas tout de suite. La mise à jour se fait en deux étapes et la seconde "
            "peut prendre jusqu'à 40 minutes si le signal Wi-Fi est faible.\n\nSi la barre n'a pas bougé "
            "dans une heure, vous pouvez le redémarrer sans risque : retirez le thermostat de son socle "
            "10 secondes puis remettez-le. Il repartira sur la version {fw_old} et réessaiera plus tard. "
            "Votre programmation est conservée.",
            "Merci pour votre signalement. Ce redémarrage en boucle après la {fw_new} touche un petit nombre "
            "d'appareils et notre équipe firmware a un correctif.\n\nJe viens de l'envoyer à votre "
            "thermostat depuis notre console. Il s'installera dans l'heure : laissez-le alimenté et "
            "connecté, et dites-moi quand il aura cessé de redémarrer.",
        ),
        followups=(
            "Ça a fini par passer après le redémarrage, il affiche bien {fw_new} et la programmation est "
            "toujours là. Par contre la température affichée est un degré plus haute qu'avant, c'est normal "
            "?",
            "Ça fait deux heures et il redémarre toujours. Je n'ai touché à rien.",
        ),
        notes=(
            "L'appareil {serial} fait partie du lot touché par la boucle de redémarrage de la {fw_new} (cf. "
            "bulletin technique). Correctif envoyé manuellement.",
            "Deuxième cas cette semaine d'une mise à jour bloquée au même pourcentage, même opérateur. "
            "Signalé sur le canal firmware.",
        ),
        resolutions=(
            "Oui, c'est normal : la {fw_new} apporte un nouvel étalonnage du capteur, et nos journaux "
            "montrent que le thermostat est stable depuis la mise à jour. Si vous préférez l'ancienne "
            "mesure, ajustez-la dans Réglages > Correction de température.",
            "Comme l'appareil ne redémarre toujours pas correctement, nous allons le remplacer. Vous "
            "recevrez aujourd'hui une étiquette de retour prépayée ; le nouveau thermostat part dès que le "
            "colis est pris en charge. Votre programmation sera restaurée automatiquement.",
        ),
    ),
    Topic(
        "schedule", ALPHA, THERMIA, (20, 50), 8,
        subjects=("Le chauffage ne suit pas ma programmation", "Écart de 2 degrés avec mon thermomètre",
                  "Le mode Éco se déclenche tout seul"),
        openings=(
            "J'ai programmé la semaine (19 °C à 6 h 30, 16 °C à 8 h 30, 20 °C à 17 h) mais le thermostat ne "
            "suit pas. Ce matin il faisait froid à 7 h, il était resté à 16 °C.\n\nLa programmation est "
            "correcte dans l'appli. J'ai raté un réglage ?",
            "Le thermostat indique 21 °C alors que la pièce est nettement plus froide : mon thermomètre posé "
            "juste à côté affiche 19 °C. Il est sur un mur intérieur du couloir, loin des radiateurs et des "
            "fenêtres.\n\nLe capteur est-il défectueux ?",
        ),
        replies=(
            "Deux choses peuvent passer avant la programmation : le mode Éco quand tout le monde est absent "
            "(il se base sur la position des téléphones liés au logement) et un réglage manuel à la molette, "
            "qui tient jusqu'au créneau suivant.\n\nPouvez-vous regarder dans Réglages > Présence si le mode "
            "Éco est activé et combien de téléphones sont liés au logement ?",
            "Un écart de 2 degrés vient souvent de la chaleur dans le mur : les murs de couloir cachent "
            "souvent des tuyaux. Vous pouvez corriger la mesure dans Réglages > Correction de température "
            "(mettez -2,0).\n\nSi l'écart varie beaucoup dans la journée, le capteur est peut-être en cause "
            "et nous remplacerions l'appareil.",
        ),
        followups=(
            "Le mode Éco était activé et l'ancien téléphone de mon fils était encore lié au logement, c'est "
            "sûrement pour ça qu'il croyait la maison vide. Je l'ai retiré, je verrai demain matin.",
            "J'ai mis la correction et c'est bon. Est-ce qu'on peut voir l'historique des températures ? Ma "
            "femme trouve que le chauffage tourne trop la nuit.",
        ),
        notes=(
            "Le journal de présence passe en « absent » chaque matin à 6 h 25 : un téléphone inutilisé est "
            "encore lié au compte.",
        ),
        resolutions=(
            "Tout s'explique. Sans l'ancien téléphone, le mode Éco ne se déclenchera que si vous êtes tous "
            "absents. L'historique des températures et des périodes de chauffe est dans l'appli, rubrique "
            "Historique (touchez le graphique pour voir chaque jour).",
            "Oui : l'onglet Historique de l'appli montre les températures de chaque jour et les périodes "
            "où le chauffage a vraiment tourné. Si vous baissez la consigne de nuit d'un ou deux degrés, "
            "vous verrez la différence en une semaine.",
        ),
    ),
    Topic(
        "install", ALPHA, THERMIA, (40, 70), 6,
        subjects=("Écran noir après l'installation", "Message « Alimentation faible » toutes les nuits",
                  "Le {model} a-t-il besoin d'un fil commun ?"),
        openings=(
            "J'ai remplacé mon ancien thermostat par le {model} en suivant la vidéo d'installation. L'écran "
            "reste noir. L'ancien fonctionnait sur piles ; j'ai branché les deux fils sur R et W comme "
            "l'indiquait l'appli.\n\nFaut-il appeler un électricien ou est-ce que je peux vérifier "
            "quelque chose moi-même ?",
            "Je suis chauffagiste et j'ai posé trois {model} cette semaine. Deux fonctionnent, le troisième "
            "affiche « Alimentation faible » et s'éteint la nuit. Même modèle de chaudière dans les trois "
            "maisons. Une idée de ce qui change ?",
        ),
        replies=(
            "Avec seulement deux fils (R et W), le {model} a besoin du module d'alimentation fourni dans la "
            "boîte, car il consomme un peu plus qu'un thermostat à piles. C'est le petit boîtier blanc "
            "marqué « PA-2 » : il se pose près de la chaudière et apporte le fil commun manquant.\n\nLe "
            "schéma de câblage est page 6 du guide de démarrage.",
            "« Alimentation faible » la nuit signifie en général que la chaudière coupe son 24 V en veille, "
            "ce que font certaines cartes anciennes. Pouvez-vous m'envoyer l'année de la chaudière et une "
            "photo du câblage côté chaudière ?",
        ),
        followups=(
            "J'ai trouvé le module dans la boîte (je croyais que c'était une pièce de rechange…). Branché, "
            "l'écran s'est allumé tout de suite.",
            "Photo jointe. Même modèle de chaudière mais version 2009, les deux autres sont plus récentes.",
        ),
        notes=("Cartes 2009 : coupure du 24 V en veille, module PA-2 nécessaire même avec 3 fils.",),
        resolutions=(
            "Parfait ! Avec le module, le thermostat est alimenté en continu et vous n'aurez pas d'alerte "
            "d'alimentation faible. Le reste du réglage se fait dans l'appli.",
            "Sur cette carte plus ancienne, le module d'alimentation est nécessaire même avec trois fils. "
            "Je vous ai envoyé un PA-2 gratuitement à l'adresse de votre entreprise ; une fois posé, le "
            "message disparaîtra.",
        ),
    ),
    Topic(
        "presale_alpha", ALPHA, THERMIA, (60, 85), 5,
        subjects=("Le {model} est-il compatible avec ma pompe à chaleur ?",
                  "Thermostats pour 14 logements locatifs", "Question avant achat : deux zones"),
        openings=(
            "Nous allons remplacer notre chaudière par une pompe à chaleur air/eau et j'aimerais savoir si "
            "le {model} est compatible. L'installateur parle d'une entrée « contact sec » pour le thermostat "
            "d'ambiance.\n\nUn seul thermostat peut-il gérer séparément le plancher chauffant du "
            "rez-de-chaussée et les radiateurs de l'étage ?",
            "Je gère 14 appartements en location et je cherche des thermostats consultables à distance, "
            "pour repérer un logement trop froid (problèmes d'humidité) sans déranger les locataires. "
            "Proposez-vous un compte multi-logements et un tarif dégressif ?",
        ),
        replies=(
            "Oui : le {model} fonctionne avec les pompes à chaleur équipées d'une entrée contact sec, le cas "
            "le plus courant. Pour deux zones, il faut un thermostat par zone ; les deux apparaissent dans "
            "la même appli et peuvent partager une programmation.\n\nSi vous m'indiquez le modèle de la "
            "pompe, je vérifie dans notre liste de compatibilité.",
            "Notre offre Thermia Pro est faite pour ça : un compte pour plusieurs logements, une alerte "
            "quand un logement descend sous le seuil choisi, et le respect de la vie privée des locataires "
            "(vous voyez les températures, pas les présences). Dès 10 appareils, nous appliquons un tarif "
            "dégressif ; notre équipe commerciale vous enverra un devis sous un jour ouvré.",
        ),
        followups=(
            "C'est une pompe air/eau de 2023 avec entrée contact sec. L'installation est-elle comprise si "
            "on commande sur votre site ?",
            "Merci. Les locataires pourront-ils quand même régler la température ? Je ne veux pas de "
            "réclamations.",
        ),
        notes=("Avant-vente : transmis à l'équipe commerciale avec le nombre d'appareils.",),
        resolutions=(
            "Alors tout est bon. L'installation n'est pas comprise dans les commandes en ligne, mais vous "
            "trouverez des installateurs certifiés près de chez vous dans Assistance > Trouver un "
            "installateur. Bon courage pour le chantier !",
            "Oui : les locataires gardent la molette et leur propre appli, et vous pouvez fixer une "
            "température minimale et maximale pour que le logement ne soit jamais trop froid. Le devis de "
            "l'équipe commerciale est prêt ; répondez-leur pour ajuster le nombre d'appareils.",
        ),
    ),
    Topic(
        "marketplace", ALPHA, THERMIA, (90, 100), 3,
        subjects=("URGENT : commande {order} reçue cassée",
                  "Commande {order} : mauvais article, je relance !!",
                  "Remboursement IMMÉDIAT ou avis 1 étoile"),
        openings=(
            "C'est INADMISSIBLE. J'ai commandé un {model} sur la marketplace (commande {order}) et il est "
            "arrivé avec l'écran fêlé. Le carton était intact, donc il a été emballé cassé.\n\nIl me faut un "
            "thermostat qui marche avant le week-end, l'ancien est déjà démonté. Si ce n'est pas réglé "
            "AUJOURD'HUI, je laisse un avis 1 étoile et j'ouvre un litige auprès de la marketplace.",
            "Deuxième fois que je vous écris pour la commande {order}. J'ai reçu un Thermia Mini au lieu du "
            "{model} payé, et personne n'a répondu à mon message sur la marketplace il y a {days} jours. Je "
            "veux le bon produit d'ici vendredi ou un remboursement complet, et une réponse aujourd'hui.",
        ),
        replies=(
            "Je suis sincèrement désolé, ce n'est pas l'expérience que vous deviez avoir, et je comprends "
            "l'urgence avec votre ancien thermostat déjà démonté.\n\nUn {model} de remplacement part "
            "aujourd'hui en express et devrait arriver demain avant 13 h. Inutile de renvoyer l'appareil "
            "cassé avant : une étiquette retour est dans le colis. J'ai aussi répondu sur la marketplace.",
            "Vous avez raison d'être mécontent, et je m'excuse que votre premier message soit resté sans "
            "réponse. L'entrepôt s'est trompé d'article pour la commande {order}. Le bon {model} part "
            "aujourd'hui en express ; gardez le Mini jusqu'au passage du transporteur. Vous n'avez rien à "
            "payer.",
        ),
        followups=(
            "Bon. J'y croirai quand je le verrai. C'est quoi le numéro de suivi ?",
            "Reçu ce matin, il fonctionne. Merci d'avoir réglé ça vite finalement.",
        ),
        notes=(
            "SLA marketplace : réponse sous 24 h sinon la commande est signalée. Envoi express validé par "
            "le responsable d'équipe.",
            "Litige déjà ouvert par le client ; réponse déposée aussi sur la marketplace.",
        ),
        resolutions=(
            "Le numéro de suivi est {tracking}. Le transporteur vous enverra demain matin un créneau d'une "
            "heure par SMS. Encore désolé pour ce contretemps.",
            "Ravi qu'il soit bien arrivé. Le transporteur récupérera le Mini cette semaine et j'ai clôturé "
            "le litige de notre côté en expliquant ce qui s'est passé.",
        ),
    ),
    Topic(
        "rma", ALPHA, THERMIA, (30, 60), 5,
        subjects=("L'écran clignote", "La molette ne répond plus", "Demande d'échange sous garantie"),
        openings=(
            "Mon {model}, acheté il y a {months} mois, s'est mis à clignoter : l'écran baisse et remonte "
            "toutes les quelques secondes et il manque des chiffres. Il chauffe toujours, mais on ne lit "
            "plus rien.\n\nEst-ce couvert par la garantie ? J'ai le ticket de caisse du magasin.",
            "La molette de mon thermostat est devenue très dure et ne réagit parfois plus du tout. Il a un "
            "peu plus d'un an. Numéro de série {serial}. Quelles sont les solutions ?",
        ),
        replies=(
            "Désolé pour ce souci : c'est une panne matérielle, couverte par la garantie de 2 ans. Pour "
            "lancer l'échange, il me faut juste une photo du ticket de caisse, et votre adresse si elle a "
            "changé.\n\nVous gardez l'appareil actuel jusqu'à l'arrivée du nouveau, vous n'êtes donc "
            "jamais sans chauffage.",
        ),
        followups=(
            "Voici le ticket. L'adresse n'a pas changé. Ça prendra combien de temps ?",
            "Merci. Est-ce que je devrai tout reconfigurer sur le nouveau ?",
        ),
        notes=("Garantie OK (date d'achat vérifiée sur le ticket). Échange créé.",),
        resolutions=(
            "Le nouvel appareil est parti et devrait arriver sous 3 jours ouvrés. À réception, ajoutez-le "
            "via Appareils > Remplacer un appareil : programmation, pièces et historique sont repris "
            "automatiquement. Renvoyez l'ancien sous 30 jours avec l'étiquette prépayée.",
        ),
    ),
)
