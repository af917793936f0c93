<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context>
    <name>About</name>
    <message>
        <location filename="../../desktop/session.py" line="127"/>
        <source>About Monodesk</source>
        <translation>À propos de Monodesk</translation>
    </message>
    <message>
        <location filename="../../desktop/session.py" line="128"/>
        <source>Monodesk %1
One ticket at a time, for support agents.

Your data: %2
Logs: %3</source>
        <translation>Monodesk %1
Un ticket à la fois, pour les agents du support.

Vos données&#xa0;: %2
Journaux&#xa0;: %3</translation>
    </message>
</context>
<context>
    <name>Actions</name>
    <message>
        <location filename="../../ui/actions.py" line="31"/>
        <source>Next ticket</source>
        <translation>Ticket suivant</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="32"/>
        <source>Skip ticket…</source>
        <translation>Passer le ticket…</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="33"/>
        <source>Go to ticket…</source>
        <translation>Aller au ticket…</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="34"/>
        <source>Take ticket</source>
        <translation>Prendre le ticket</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="35"/>
        <source>Resolve</source>
        <translation>Résoudre</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="36"/>
        <source>Set pending</source>
        <translation>Mettre en attente</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="37"/>
        <source>Reopen</source>
        <translation>Rouvrir</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="38"/>
        <source>Write a reply</source>
        <translation>Écrire une réponse</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="39"/>
        <source>Write an internal note</source>
        <translation>Écrire une note interne</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="40"/>
        <source>Send</source>
        <translation>Envoyer</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="41"/>
        <source>Send and resolve</source>
        <translation>Envoyer et résoudre</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="43"/>
        <source>Send and set pending</source>
        <translation>Envoyer et mettre en attente</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="44"/>
        <source>Send and go to the next ticket</source>
        <translation>Envoyer et passer au ticket suivant</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="46"/>
        <source>Go to the reply box</source>
        <translation>Aller à la zone de réponse</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="47"/>
        <source>Pause the timer</source>
        <translation>Mettre le minuteur en pause</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="49"/>
        <source>Adjust the time…</source>
        <translation>Corriger le temps…</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="50"/>
        <source>Log time without a message…</source>
        <translation>Saisir du temps sans message…</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="51"/>
        <source>Say what the time away was</source>
        <translation>Dire ce qu’était le temps d’absence</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="52"/>
        <source>Reserve time for this customer…</source>
        <translation>Réserver du temps pour ce client…</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="54"/>
        <source>My day and week…</source>
        <translation>Ma journée et ma semaine…</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="55"/>
        <source>Add a task for this customer</source>
        <translation>Ajouter une tâche pour ce client</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="56"/>
        <source>Show tasks</source>
        <translation>Afficher les tâches</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="57"/>
        <source>Sync now</source>
        <translation>Synchroniser maintenant</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="58"/>
        <source>Command palette…</source>
        <translation>Palette de commandes…</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="59"/>
        <source>Connect your helpdesk…</source>
        <translation>Connecter votre helpdesk…</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="60"/>
        <source>Choose my queues…</source>
        <translation>Choisir mes files…</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="61"/>
        <source>Take tickets when I open them</source>
        <translation>Prendre les tickets quand je les ouvre</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="63"/>
        <source>Language: follow the system</source>
        <translation>Langue&#xa0;: celle du système</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="65"/>
        <source>Language: English</source>
        <translation>Langue&#xa0;: anglais</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="66"/>
        <source>Language: French</source>
        <translation>Langue&#xa0;: français</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="67"/>
        <source>Quit</source>
        <translation>Quitter</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="68"/>
        <source>Keyboard shortcuts</source>
        <translation>Raccourcis clavier</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="69"/>
        <source>About Monodesk</source>
        <translation>À propos de Monodesk</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <location filename="../../desktop/account_dialogs.py" line="50"/>
        <source>Demo workspace</source>
        <translation>Espace de démonstration</translation>
    </message>
    <message>
        <location filename="../../desktop/account_controller.py" line="219"/>
        <source>Not connected to the helpdesk yet.</source>
        <translation>Pas encore connecté au helpdesk.</translation>
    </message>
    <message>
        <location filename="../../desktop/app.py" line="56"/>
        <source>Unexpected error (details are in the log): %1</source>
        <translation>Erreur inattendue (détails dans le journal)&#xa0;: %1</translation>
    </message>
</context>
<context>
    <name>CommandPalette</name>
    <message>
        <location filename="../../ui/command_palette.py" line="134"/>
        <source>Type a command…</source>
        <translation>Tapez une commande…</translation>
    </message>
    <message>
        <location filename="../../ui/command_palette.py" line="135"/>
        <source>Command search</source>
        <translation>Recherche de commande</translation>
    </message>
    <message>
        <location filename="../../ui/command_palette.py" line="139"/>
        <source>Commands</source>
        <translation>Commandes</translation>
    </message>
    <message>
        <location filename="../../ui/command_palette.py" line="143"/>
        <source>No command matches</source>
        <translation>Aucune commande ne correspond</translation>
    </message>
</context>
<context>
    <name>Composer</name>
    <message>
        <location filename="../../ui/composer.py" line="65"/>
        <source>Reply</source>
        <translation>Réponse</translation>
    </message>
    <message>
        <location filename="../../ui/composer.py" line="66"/>
        <source>Internal note</source>
        <translation>Note interne</translation>
    </message>
    <message>
        <location filename="../../ui/composer.py" line="69"/>
        <source>Write a reply to the customer</source>
        <translation>Écrire une réponse au client</translation>
    </message>
    <message>
        <location filename="../../ui/composer.py" line="70"/>
        <source>Write an internal note</source>
        <translation>Écrire une note interne</translation>
    </message>
    <message>
        <location filename="../../ui/composer.py" line="71"/>
        <source>The customer receives this message</source>
        <translation>Le client reçoit ce message</translation>
    </message>
    <message>
        <location filename="../../ui/composer.py" line="72"/>
        <source>Only your team sees this message</source>
        <translation>Seule votre équipe voit ce message</translation>
    </message>
    <message>
        <location filename="../../ui/composer.py" line="83"/>
        <source>Internal note — the customer will not see this</source>
        <translation>Note interne — le client ne la verra pas</translation>
    </message>
    <message>
        <location filename="../../ui/composer.py" line="90"/>
        <source>Message</source>
        <translation>Message</translation>
    </message>
    <message>
        <location filename="../../ui/composer.py" line="96"/>
        <source>Send</source>
        <translation>Envoyer</translation>
    </message>
    <message>
        <location filename="../../ui/composer.py" line="97"/>
        <source>Send &amp;&amp; resolve</source>
        <translation>Envoyer &amp;&amp; résoudre</translation>
    </message>
    <message>
        <location filename="../../ui/composer.py" line="99"/>
        <source>Send &amp;&amp; set pending</source>
        <translation>Envoyer &amp;&amp; mettre en attente</translation>
    </message>
    <message>
        <location filename="../../ui/composer.py" line="100"/>
        <source>Send &amp;&amp; next</source>
        <translation>Envoyer &amp;&amp; suivant</translation>
    </message>
    <message>
        <location filename="../../ui/composer.py" line="105"/>
        <source>%1 to send</source>
        <translation>%1 pour envoyer</translation>
    </message>
    <message>
        <location filename="../../ui/composer.py" line="281"/>
        <source>Write an internal note for your team…</source>
        <translation>Écrivez une note interne pour votre équipe…</translation>
    </message>
    <message>
        <location filename="../../ui/composer.py" line="282"/>
        <source>Write your reply to the customer…</source>
        <translation>Écrivez votre réponse au client…</translation>
    </message>
</context>
<context>
    <name>ConflictBar</name>
    <message>
        <location filename="../../ui/conflict_bar.py" line="52"/>
        <location filename="../../ui/conflict_bar.py" line="107"/>
        <source>Send anyway</source>
        <translation>Envoyer quand même</translation>
    </message>
    <message>
        <location filename="../../ui/conflict_bar.py" line="54"/>
        <location filename="../../ui/conflict_bar.py" line="108"/>
        <source>Discard — back to the draft</source>
        <translation>Abandonner — retour au brouillon</translation>
    </message>
    <message>
        <location filename="../../ui/conflict_bar.py" line="123"/>
        <source>The helpdesk did not accept this change.</source>
        <translation>Le helpdesk n’a pas accepté cette modification.</translation>
    </message>
    <message>
        <location filename="../../ui/conflict_bar.py" line="103"/>
        <source>1 more change waits for your decision.</source>
        <translation>Une autre modification attend votre décision.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/conflict_bar.py" line="104"/>
        <source>%n more changes wait for your decision.</source>
        <translation>
            <numerusform>%n autre modification attend votre décision.</numerusform>
            <numerusform>%n autres modifications attendent votre décision.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/conflict_bar.py" line="109"/>
        <source>Take the message back into the reply box to rework it</source>
        <translation>Remettre le message dans la zone de réponse pour le retravailler</translation>
    </message>
    <message>
        <location filename="../../ui/conflict_bar.py" line="111"/>
        <source>Apply anyway</source>
        <translation>Appliquer quand même</translation>
    </message>
    <message>
        <location filename="../../ui/conflict_bar.py" line="112"/>
        <source>Discard this change</source>
        <translation>Abandonner cette modification</translation>
    </message>
    <message>
        <location filename="../../ui/conflict_bar.py" line="129"/>
        <source>The customer wrote again (%1) since you opened the ticket.</source>
        <translation>Le client a écrit de nouveau (%1) depuis que vous avez ouvert le ticket.</translation>
    </message>
    <message>
        <location filename="../../ui/conflict_bar.py" line="132"/>
        <source>%1 took this ticket since you opened it.</source>
        <translation>%1 a pris ce ticket depuis que vous l’avez ouvert.</translation>
    </message>
    <message>
        <location filename="../../ui/conflict_bar.py" line="134"/>
        <source>%1 set the status to %2 since you opened the ticket.</source>
        <translation>%1 a passé le statut à «&#xa0;%2&#xa0;» depuis que vous avez ouvert le ticket.</translation>
    </message>
    <message>
        <location filename="../../ui/conflict_bar.py" line="137"/>
        <source>The helpdesk refused this change: %1</source>
        <translation>Le helpdesk a refusé cette modification&#xa0;: %1</translation>
    </message>
    <message>
        <location filename="../../ui/conflict_bar.py" line="145"/>
        <source>Your reply was held back</source>
        <translation>Votre réponse a été retenue</translation>
    </message>
    <message>
        <location filename="../../ui/conflict_bar.py" line="145"/>
        <source>Your reply could not be sent</source>
        <translation>Votre réponse n’a pas pu être envoyée</translation>
    </message>
    <message>
        <location filename="../../ui/conflict_bar.py" line="146"/>
        <source>Your internal note was held back</source>
        <translation>Votre note interne a été retenue</translation>
    </message>
    <message>
        <location filename="../../ui/conflict_bar.py" line="147"/>
        <source>Your internal note could not be sent</source>
        <translation>Votre note interne n’a pas pu être envoyée</translation>
    </message>
    <message>
        <location filename="../../ui/conflict_bar.py" line="148"/>
        <source>Your time entry was held back</source>
        <translation>Votre saisie de temps a été retenue</translation>
    </message>
    <message>
        <location filename="../../ui/conflict_bar.py" line="149"/>
        <source>Your time entry could not be logged</source>
        <translation>Votre saisie de temps n’a pas pu être enregistrée</translation>
    </message>
    <message>
        <location filename="../../ui/conflict_bar.py" line="151"/>
        <source>Your change was held back</source>
        <translation>Votre modification a été retenue</translation>
    </message>
    <message>
        <location filename="../../ui/conflict_bar.py" line="152"/>
        <source>Your change could not be applied</source>
        <translation>Votre modification n’a pas pu être appliquée</translation>
    </message>
    <message>
        <location filename="../../ui/conflict_bar.py" line="159"/>
        <source>Your reply: «%1»</source>
        <translation>Votre réponse&#xa0;: «&#xa0;%1&#xa0;»</translation>
    </message>
    <message>
        <location filename="../../ui/conflict_bar.py" line="160"/>
        <source>Your internal note: «%1»</source>
        <translation>Votre note interne&#xa0;: «&#xa0;%1&#xa0;»</translation>
    </message>
    <message>
        <location filename="../../ui/conflict_bar.py" line="162"/>
        <source>Then set the status to %1.</source>
        <translation>Puis passer le statut à %1.</translation>
    </message>
    <message>
        <location filename="../../ui/conflict_bar.py" line="165"/>
        <source>Your change: set the status to %1.</source>
        <translation>Votre modification&#xa0;: passer le statut à %1.</translation>
    </message>
    <message>
        <location filename="../../ui/conflict_bar.py" line="167"/>
        <source>Your change: leave the ticket to nobody (you skipped it).</source>
        <translation>Votre modification&#xa0;: laisser le ticket sans propriétaire (vous l’avez passé).</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/conflict_bar.py" line="169"/>
        <source>Your change: log %n min worked, with no message.</source>
        <translation>
            <numerusform>Votre modification&#xa0;: saisir %n min de travail, sans message.</numerusform>
            <numerusform>Votre modification&#xa0;: saisir %n min de travail, sans message.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/conflict_bar.py" line="171"/>
        <source>Your note: «%1»</source>
        <translation>Votre note&#xa0;: «&#xa0;%1&#xa0;»</translation>
    </message>
    <message>
        <location filename="../../ui/conflict_bar.py" line="172"/>
        <source>Discarded, the time goes back to the ticket, to log later.</source>
        <translation>Écartée, le temps revient au ticket, à saisir plus tard.</translation>
    </message>
    <message>
        <location filename="../../ui/conflict_bar.py" line="173"/>
        <source>Your change: take the ticket.</source>
        <translation>Votre modification&#xa0;: prendre le ticket.</translation>
    </message>
</context>
<context>
    <name>CustomerPanelView</name>
    <message>
        <location filename="../../ui/customer_panel.py" line="170"/>
        <source>Customer name</source>
        <translation>Nom du client</translation>
    </message>
    <message>
        <location filename="../../ui/customer_panel.py" line="173"/>
        <source>Organisation</source>
        <translation>Organisation</translation>
    </message>
    <message>
        <location filename="../../ui/customer_panel.py" line="175"/>
        <source>E-mail address</source>
        <translation>Adresse e-mail</translation>
    </message>
    <message>
        <location filename="../../ui/customer_panel.py" line="177"/>
        <source>all time</source>
        <translation>au total</translation>
    </message>
    <message>
        <location filename="../../ui/customer_panel.py" line="178"/>
        <source>last 30 days</source>
        <translation>30 derniers jours</translation>
    </message>
    <message>
        <location filename="../../ui/customer_panel.py" line="179"/>
        <source>open now</source>
        <translation>ouverts</translation>
    </message>
    <message>
        <location filename="../../ui/customer_panel.py" line="187"/>
        <source>Their tickets, all queues</source>
        <translation>Ses tickets, toutes files</translation>
    </message>
    <message>
        <location filename="../../ui/customer_panel.py" line="194"/>
        <source>The customer&apos;s tickets</source>
        <translation>Les tickets du client</translation>
    </message>
    <message>
        <location filename="../../ui/customer_panel.py" line="205"/>
        <source>No customer for this ticket.</source>
        <translation>Aucun client pour ce ticket.</translation>
    </message>
    <message>
        <location filename="../../ui/customer_panel.py" line="218"/>
        <source>Reserve time for them…</source>
        <translation>Lui réserver du temps…</translation>
    </message>
    <message>
        <location filename="../../ui/customer_panel.py" line="222"/>
        <source>Work only for this customer for a while: Next offers their tickets first (Ctrl+Alt+B)</source>
        <translation>Travailler un moment pour ce client seulement&#xa0;: «&#xa0;Ticket suivant&#xa0;» propose d’abord ses tickets (Ctrl+Alt+B)</translation>
    </message>
    <message>
        <location filename="../../ui/customer_panel.py" line="258"/>
        <source>Unknown customer</source>
        <translation>Client inconnu</translation>
    </message>
</context>
<context>
    <name>CustomerTicketDelegate</name>
    <message>
        <location filename="../../ui/customer_panel.py" line="81"/>
        <source>this ticket</source>
        <translation>ce ticket</translation>
    </message>
</context>
<context>
    <name>CustomerTicketsModel</name>
    <message>
        <location filename="../../ui/models.py" line="261"/>
        <location filename="../../ui/models.py" line="263"/>
        <source>(no subject)</source>
        <translation>(sans objet)</translation>
    </message>
    <message>
        <location filename="../../ui/models.py" line="275"/>
        <source>This ticket, on screen now</source>
        <translation>Ce ticket, affiché en ce moment</translation>
    </message>
    <message>
        <location filename="../../ui/models.py" line="275"/>
        <source>Enter or click to read it</source>
        <translation>Entrée ou clic pour le lire</translation>
    </message>
    <message>
        <location filename="../../ui/models.py" line="278"/>
        <source>ticket %1</source>
        <translation>ticket %1</translation>
    </message>
    <message>
        <location filename="../../ui/models.py" line="281"/>
        <source>this ticket</source>
        <translation>ce ticket</translation>
    </message>
</context>
<context>
    <name>DayView</name>
    <message>
        <location filename="../../ui/day_view.py" line="113"/>
        <source>My day — Monodesk</source>
        <translation>Ma journée — Monodesk</translation>
    </message>
    <message>
        <location filename="../../ui/day_view.py" line="118"/>
        <source>&amp;Today</source>
        <translation>&amp;Aujourd’hui</translation>
    </message>
    <message>
        <location filename="../../ui/day_view.py" line="119"/>
        <source>This &amp;week</source>
        <translation>Cette &amp;semaine</translation>
    </message>
    <message>
        <location filename="../../ui/day_view.py" line="135"/>
        <source>By ticket</source>
        <translation>Par ticket</translation>
    </message>
    <message>
        <location filename="../../ui/day_view.py" line="136"/>
        <source>By customer</source>
        <translation>Par client</translation>
    </message>
    <message>
        <location filename="../../ui/day_view.py" line="137"/>
        <source>By queue</source>
        <translation>Par file</translation>
    </message>
    <message>
        <location filename="../../ui/day_view.py" line="138"/>
        <source>Time blocks</source>
        <translation>Temps réservé</translation>
    </message>
    <message>
        <location filename="../../ui/day_view.py" line="139"/>
        <source>Skipped, by reason</source>
        <translation>Passés, par raison</translation>
    </message>
    <message>
        <location filename="../../ui/day_view.py" line="187"/>
        <source>Today: %1 worked</source>
        <translation>Aujourd’hui&#xa0;: %1 de travail</translation>
    </message>
    <message>
        <location filename="../../ui/day_view.py" line="189"/>
        <source>This week: %1 worked</source>
        <translation>Cette semaine&#xa0;: %1 de travail</translation>
    </message>
    <message>
        <location filename="../../ui/day_view.py" line="193"/>
        <source>(queue unknown here)</source>
        <translation>(file inconnue ici)</translation>
    </message>
    <message>
        <location filename="../../ui/day_view.py" line="200"/>
        <source>one ticket handled</source>
        <translation>un ticket traité</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/day_view.py" line="201"/>
        <source>%n tickets handled</source>
        <translation>
            <numerusform>%n ticket traité</numerusform>
            <numerusform>%n tickets traités</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/day_view.py" line="202"/>
        <source>%1 planned · %2 spent · %3</source>
        <translation>%1 prévues · %2 passées · %3</translation>
    </message>
</context>
<context>
    <name>EmptyState</name>
    <message>
        <location filename="../../ui/empty_state.py" line="21"/>
        <source>Queue clear</source>
        <translation>File vide</translation>
    </message>
    <message>
        <location filename="../../ui/empty_state.py" line="33"/>
        <source>Check again</source>
        <translation>Vérifier à nouveau</translation>
    </message>
    <message>
        <location filename="../../ui/empty_state.py" line="35"/>
        <source>Check again for new tickets</source>
        <translation>Chercher à nouveau de nouveaux tickets</translation>
    </message>
    <message>
        <location filename="../../ui/empty_state.py" line="36"/>
        <source>Look again for tickets in your queues</source>
        <translation>Chercher à nouveau des tickets dans vos files</translation>
    </message>
    <message>
        <location filename="../../ui/empty_state.py" line="84"/>
        <source>Nothing is waiting in %1.</source>
        <translation>Rien n’attend dans %1.</translation>
    </message>
    <message>
        <location filename="../../ui/empty_state.py" line="85"/>
        <source>Nothing is waiting in your queues: %1.</source>
        <translation>Rien n’attend dans vos files&#xa0;: %1.</translation>
    </message>
    <message>
        <location filename="../../ui/empty_state.py" line="87"/>
        <source>You have not chosen any queues yet, so nothing can be offered.</source>
        <translation>Vous n’avez pas encore choisi de files, aucun ticket ne peut donc être proposé.</translation>
    </message>
    <message>
        <location filename="../../ui/empty_state.py" line="90"/>
        <source>1 ticket you skipped is set aside until it changes.</source>
        <translation>Un ticket que vous avez passé est mis de côté jusqu’à ce qu’il change.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/empty_state.py" line="92"/>
        <source>%n tickets you skipped are set aside until they change.</source>
        <translation>
            <numerusform>%n ticket que vous avez passé est mis de côté jusqu’à ce qu’il change.</numerusform>
            <numerusform>%n tickets que vous avez passés sont mis de côté jusqu’à ce qu’ils changent.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LoadingPage</name>
    <message>
        <location filename="../../ui/loading_page.py" line="27"/>
        <source>Getting your tickets…</source>
        <translation>Récupération de vos tickets…</translation>
    </message>
    <message>
        <location filename="../../ui/loading_page.py" line="38"/>
        <source>Try now</source>
        <translation>Réessayer maintenant</translation>
    </message>
    <message>
        <location filename="../../ui/loading_page.py" line="78"/>
        <source>Monodesk tries again in %1 by itself.</source>
        <translation>Monodesk réessaie de lui-même dans %1.</translation>
    </message>
    <message>
        <location filename="../../ui/loading_page.py" line="79"/>
        <source>Monodesk tries again by itself.</source>
        <translation>Monodesk réessaie de lui-même.</translation>
    </message>
    <message>
        <location filename="../../ui/loading_page.py" line="81"/>
        <source>You are offline</source>
        <translation>Vous êtes hors ligne</translation>
    </message>
    <message>
        <location filename="../../ui/loading_page.py" line="82"/>
        <source>The helpdesk cannot be reached. Check your connection (and your VPN, if your company uses one).</source>
        <translation>Le helpdesk est injoignable. Vérifiez votre connexion (et votre VPN, si votre entreprise en utilise un).</translation>
    </message>
    <message>
        <location filename="../../ui/loading_page.py" line="85"/>
        <source>The helpdesk refused your sign-in</source>
        <translation>Le helpdesk a refusé votre connexion</translation>
    </message>
    <message>
        <location filename="../../ui/loading_page.py" line="86"/>
        <source>Sign in again from the Account menu (your token may have expired).</source>
        <translation>Reconnectez-vous depuis le menu Compte (votre jeton a peut-être expiré).</translation>
    </message>
    <message>
        <location filename="../../ui/loading_page.py" line="89"/>
        <source>Your tickets could not be fetched</source>
        <translation>Vos tickets n’ont pas pu être récupérés</translation>
    </message>
    <message>
        <location filename="../../ui/loading_page.py" line="90"/>
        <source>Something went wrong (details are in the log).</source>
        <translation>Un problème est survenu (détails dans le journal).</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="87"/>
        <source>Monodesk</source>
        <translation>Monodesk</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="278"/>
        <source>You are in the demo workspace: sample tickets, nothing is sent to anyone.</source>
        <translation>Vous êtes dans l’espace de démonstration&#xa0;: des tickets d’exemple, rien n’est envoyé à personne.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="281"/>
        <location filename="../../ui/main_window.py" line="282"/>
        <source>Connect your helpdesk</source>
        <translation>Connecter votre helpdesk</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="335"/>
        <source>Ticket actions</source>
        <translation>Actions sur le ticket</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="345"/>
        <source>&amp;Ticket</source>
        <translation>&amp;Ticket</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="353"/>
        <source>&amp;Compose</source>
        <translation>&amp;Rédiger</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="357"/>
        <source>T&amp;ime</source>
        <translation>T&amp;emps</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="362"/>
        <source>&amp;View</source>
        <translation>&amp;Affichage</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="365"/>
        <source>&amp;Account</source>
        <translation>&amp;Compte</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="366"/>
        <source>Switch &amp;account</source>
        <translation>Changer de &amp;compte</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="374"/>
        <source>&amp;Help</source>
        <translation>Ai&amp;de</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="447"/>
        <source>Only tickets waiting on the customer are left: the last message on this one is a reply.</source>
        <translation>Il ne reste que des tickets en attente du client&#xa0;: le dernier message de celui-ci est une réponse.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="475"/>
        <location filename="../../ui/main_window.py" line="539"/>
        <source>Ticket #%1 is not in this workspace.</source>
        <translation>Le ticket n°%1 n’est pas dans cet espace de travail.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="478"/>
        <source>Getting ticket #%1 from the helpdesk…</source>
        <translation>Lecture du ticket n°%1 depuis le helpdesk…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="501"/>
        <source>There is no ticket #%1, or you may not see it.</source>
        <translation>Il n’y a pas de ticket n°%1, ou vous ne pouvez pas le voir.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="504"/>
        <source>Ticket #%1 is not here yet and could not be read from the helpdesk: %2</source>
        <translation>Le ticket n°%1 n’est pas encore ici et n’a pas pu être lu depuis le helpdesk&#xa0;: %2</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="518"/>
        <source>Go to ticket #%1</source>
        <translation>Aller au ticket n°%1</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="520"/>
        <source>Enter</source>
        <translation>Entrée</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="528"/>
        <source>Draft: #%1 %2</source>
        <translation>Brouillon&#xa0;: n°%1 %2</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/main_window.py" line="616"/>
        <source>%n unsent change(s) were missing from Monodesk&apos;s local data (was the file replaced?) and have been put back from its journal; each is looked for in the helpdesk before it is sent.</source>
        <translation>
            <numerusform>%n modification non envoyée manquait dans les données locales de Monodesk (le fichier a-t-il été remplacé&#xa0;?) et a été remise en place depuis son journal&#xa0;; elle est recherchée dans le helpdesk avant d’être envoyée.</numerusform>
            <numerusform>%n modifications non envoyées manquaient dans les données locales de Monodesk (le fichier a-t-il été remplacé&#xa0;?) et ont été remises en place depuis son journal&#xa0;; chacune est recherchée dans le helpdesk avant d’être envoyée.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="623"/>
        <source>The queue %1 is not visible to you in the helpdesk any more: it stays among your queues, and syncs again when it comes back.</source>
        <translation>La file %1 ne vous est plus visible dans le helpdesk&#xa0;: elle reste parmi vos files et sera de nouveau synchronisée quand elle reviendra.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="635"/>
        <source>Monodesk&apos;s local data is damaged (%1). Quit and start Monodesk again: it repairs the file at start and keeps your unsent changes and drafts.</source>
        <translation>Les données locales de Monodesk sont endommagées (%1). Quittez Monodesk et relancez-le&#xa0;: il répare le fichier au démarrage et garde vos modifications non envoyées et vos brouillons.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="638"/>
        <source>Quit Monodesk</source>
        <translation>Quitter Monodesk</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="643"/>
        <source>Monodesk&apos;s local data was damaged: it was restored from the copy of %1, and %2 unsent change(s) and %3 draft(s) were kept. The next sync brings the tickets up to date.</source>
        <translation>Les données locales de Monodesk étaient endommagées&#xa0;: elles ont été restaurées depuis la copie du %1, et %2 modification(s) non envoyée(s) et %3 brouillon(s) ont été conservés. La prochaine synchronisation met les tickets à jour.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="647"/>
        <source>Monodesk&apos;s local data was damaged and has been started afresh; %2 unsent change(s) and %3 draft(s) were kept. The next sync brings your tickets back.</source>
        <translation>Les données locales de Monodesk étaient endommagées et ont été recréées&#xa0;; %2 modification(s) non envoyée(s) et %3 brouillon(s) ont été conservés. La prochaine synchronisation ramène vos tickets.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="651"/>
        <source>Changes whose ticket could not be read back are saved in %1.</source>
        <translation>Les modifications dont le ticket n’a pas pu être relu sont enregistrées dans %1.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="673"/>
        <source>#%1 %2 — Monodesk</source>
        <translation>#%1 %2 — Monodesk</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="682"/>
        <source>Queue clear — Monodesk</source>
        <translation>File vide — Monodesk</translation>
    </message>
    <message>
        <location filename="../../tools/render_screenshots.py" line="251"/>
        <location filename="../../ui/main_window.py" line="773"/>
        <source>Not sent: %1 Your text is still in the reply box.</source>
        <translation>Non envoyé&#xa0;: %1 Votre texte est toujours dans la zone de réponse.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="776"/>
        <source>Not sent: %1 Your text is kept as the draft of ticket #%2.</source>
        <translation>Non envoyé&#xa0;: %1 Votre texte est gardé comme brouillon du ticket n°&#xa0;%2.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="844"/>
        <source>Message from %1 — Monodesk</source>
        <translation>Message de %1 — Monodesk</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="849"/>
        <source>this workspace is not connected to its helpdesk yet.</source>
        <translation>cet espace de travail n’est pas encore connecté à son helpdesk.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="909"/>
        <source>The new language applies the next time Monodesk starts.</source>
        <translation>La nouvelle langue s’appliquera au prochain démarrage de Monodesk.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="912"/>
        <source>Something went wrong: %1</source>
        <translation>Un problème est survenu&#xa0;: %1</translation>
    </message>
</context>
<context>
    <name>MessageCard</name>
    <message>
        <location filename="../../ui/thread_view.py" line="165"/>
        <location filename="../../ui/thread_view.py" line="168"/>
        <location filename="../../ui/thread_view.py" line="246"/>
        <source>Show quoted text</source>
        <translation>Afficher le texte cité</translation>
    </message>
    <message>
        <location filename="../../ui/thread_view.py" line="133"/>
        <source>Very long message: only its beginning is kept on this computer. &lt;a href=&apos;%2&apos;&gt;Read all of it&lt;/a&gt; (fetched from the helpdesk)</source>
        <translation>Message très long&#xa0;: seul son début est gardé sur cet ordinateur. &lt;a href=&apos;%2&apos;&gt;Tout lire&lt;/a&gt; (récupéré auprès du helpdesk)</translation>
    </message>
    <message>
        <location filename="../../ui/thread_view.py" line="115"/>
        <source>Unknown</source>
        <translation>Inconnu</translation>
    </message>
    <message>
        <location filename="../../ui/thread_view.py" line="136"/>
        <source>Long message (%1): only its beginning is shown here. &lt;a href=&apos;%2&apos;&gt;Read all of it&lt;/a&gt;</source>
        <translation>Message long (%1)&#xa0;: seul son début est affiché ici. &lt;a href=&apos;%2&apos;&gt;Tout lire&lt;/a&gt;</translation>
    </message>
    <message>
        <location filename="../../ui/thread_view.py" line="198"/>
        <source>Customer</source>
        <translation>Client</translation>
    </message>
    <message>
        <location filename="../../ui/thread_view.py" line="198"/>
        <source>Reply</source>
        <translation>Réponse</translation>
    </message>
    <message>
        <location filename="../../ui/thread_view.py" line="199"/>
        <source>Internal note</source>
        <translation>Note interne</translation>
    </message>
    <message>
        <location filename="../../ui/thread_view.py" line="201"/>
        <source>Time worked</source>
        <translation>Temps passé</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/thread_view.py" line="205"/>
        <source>%n min spent</source>
        <translation>
            <numerusform>%n min passée</numerusform>
            <numerusform>%n min passées</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/thread_view.py" line="240"/>
        <source>Opens %1</source>
        <translation>Ouvre %1</translation>
    </message>
    <message>
        <location filename="../../ui/thread_view.py" line="246"/>
        <source>Hide quoted text</source>
        <translation>Masquer le texte cité</translation>
    </message>
    <message>
        <location filename="../../ui/thread_view.py" line="251"/>
        <source>Queued — will be sent when online</source>
        <translation>En file — sera envoyé une fois en ligne</translation>
    </message>
    <message>
        <location filename="../../ui/thread_view.py" line="253"/>
        <source>Sending…</source>
        <translation>Envoi…</translation>
    </message>
    <message>
        <location filename="../../ui/thread_view.py" line="255"/>
        <source>⚠ Held: the ticket changed since you wrote this — see above</source>
        <translation>⚠ Retenu&#xa0;: le ticket a changé depuis que vous avez écrit ceci — voir plus haut</translation>
    </message>
    <message>
        <location filename="../../ui/thread_view.py" line="257"/>
        <source>⚠ Not sent</source>
        <translation>⚠ Non envoyé</translation>
    </message>
</context>
<context>
    <name>MessageReader</name>
    <message>
        <location filename="../../ui/message_reader.py" line="26"/>
        <source>Whole message</source>
        <translation>Message entier</translation>
    </message>
    <message>
        <location filename="../../ui/message_reader.py" line="27"/>
        <source>&amp;Copy all</source>
        <translation>&amp;Tout copier</translation>
    </message>
    <message>
        <location filename="../../ui/message_reader.py" line="29"/>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <location filename="../../ui/message_reader.py" line="59"/>
        <source>Fetching the whole message from the helpdesk…</source>
        <translation>Récupération du message entier auprès du helpdesk…</translation>
    </message>
    <message>
        <location filename="../../ui/message_reader.py" line="73"/>
        <source>The whole message could not be fetched: %1</source>
        <translation>Le message entier n’a pas pu être récupéré&#xa0;: %1</translation>
    </message>
</context>
<context>
    <name>NoticeBar</name>
    <message>
        <location filename="../../ui/notices.py" line="53"/>
        <source>Dismiss the notice</source>
        <translation>Fermer l’avis</translation>
    </message>
    <message>
        <location filename="../../ui/notices.py" line="54"/>
        <source>Dismiss (Esc)</source>
        <translation>Fermer (Échap)</translation>
    </message>
</context>
<context>
    <name>Presence</name>
    <message>
        <location filename="../../desktop/presence_linux.py" line="79"/>
        <source>GNOME&apos;s idle monitor</source>
        <translation>le moniteur d’inactivité de GNOME</translation>
    </message>
    <message>
        <location filename="../../desktop/presence_linux.py" line="80"/>
        <source>the desktop&apos;s screen saver service</source>
        <translation>le service d’économiseur d’écran du bureau</translation>
    </message>
    <message>
        <location filename="../../desktop/presence_linux.py" line="81"/>
        <source>the X11 screen saver extension</source>
        <translation>l’extension d’économiseur d’écran de X11</translation>
    </message>
    <message>
        <location filename="../../desktop/presence_linux.py" line="82"/>
        <source>the login session&apos;s idle hint</source>
        <translation>l’indication d’inactivité de la session</translation>
    </message>
    <message>
        <location filename="../../desktop/presence_other.py" line="25"/>
        <source>Windows&apos; last input time</source>
        <translation>l’heure de la dernière saisie de Windows</translation>
    </message>
    <message>
        <location filename="../../desktop/presence_other.py" line="58"/>
        <source>macOS&apos;s last input time</source>
        <translation>l’heure de la dernière saisie de macOS</translation>
    </message>
</context>
<context>
    <name>QueuePicker</name>
    <message>
        <location filename="../../ui/queue_picker.py" line="31"/>
        <source>Your queues</source>
        <translation>Vos files</translation>
    </message>
    <message>
        <location filename="../../ui/queue_picker.py" line="34"/>
        <source>Tick the queues you work. Next offers tickets from these queues only; with none ticked, it offers tickets from every queue.</source>
        <translation>Cochez les files dont vous vous occupez. «&#xa0;Ticket suivant&#xa0;» ne propose que des tickets de ces files&#xa0;; si aucune n’est cochée, il en propose de toutes les files.</translation>
    </message>
    <message>
        <location filename="../../ui/queue_picker.py" line="39"/>
        <location filename="../../ui/queue_picker.py" line="40"/>
        <source>Filter queues</source>
        <translation>Filtrer les files</translation>
    </message>
    <message>
        <location filename="../../ui/queue_picker.py" line="45"/>
        <source>Queues</source>
        <translation>Files</translation>
    </message>
    <message>
        <location filename="../../ui/queue_picker.py" line="52"/>
        <source>No queues known yet: they appear after the first sync.</source>
        <translation>Aucune file connue pour l’instant&#xa0;: elles apparaissent après la première synchronisation.</translation>
    </message>
    <message>
        <location filename="../../ui/queue_picker.py" line="57"/>
        <source>Save</source>
        <translation>Enregistrer</translation>
    </message>
    <message>
        <location filename="../../ui/queue_picker.py" line="60"/>
        <source>Untick all</source>
        <translation>Tout décocher</translation>
    </message>
    <message>
        <location filename="../../ui/queue_picker.py" line="63"/>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <location filename="../../ui/queue_picker.py" line="86"/>
        <source>%1 (where customer tasks are kept)</source>
        <translation>%1 (où sont gardées les tâches des clients)</translation>
    </message>
    <message>
        <location filename="../../ui/queue_picker.py" line="90"/>
        <source>One ticket per customer task: never among the queues you work.</source>
        <translation>Un ticket par tâche client&#xa0;: jamais parmi les files que vous traitez.</translation>
    </message>
    <message>
        <location filename="../../ui/queue_picker.py" line="132"/>
        <source>None ticked: you work every queue.</source>
        <translation>Aucune cochée&#xa0;: vous travaillez sur toutes les files.</translation>
    </message>
    <message>
        <location filename="../../ui/queue_picker.py" line="134"/>
        <source>Queues ticked: %1</source>
        <translation>Files cochées&#xa0;: %1</translation>
    </message>
</context>
<context>
    <name>Screenshots</name>
    <message>
        <location filename="../../tools/render_screenshots.py" line="197"/>
        <source>Hello,

Thank you for the details. I have reset the schedule on your thermostat; it should keep it from now on.

Could you confirm it still shows 21 °C tomorrow morning?</source>
        <translation>Bonjour,

Merci pour ces précisions. J’ai réinitialisé le programme de votre thermostat&#xa0;; il devrait le garder désormais.

Pouvez-vous me confirmer qu’il affiche toujours 21&#xa0;°C demain matin&#xa0;?</translation>
    </message>
    <message>
        <location filename="../../tools/render_screenshots.py" line="244"/>
        <source>The disk holding Monodesk&apos;s local data is full (/home/ana/.local/share/Monodesk). Free some space: nothing you queued was lost, and Monodesk goes on by itself once there is room.</source>
        <translation>Le disque qui contient les données locales de Monodesk est plein (/home/ana/.local/share/Monodesk). Libérez de la place&#xa0;: rien de ce que vous avez mis en file n’est perdu, et Monodesk reprend de lui-même dès qu’il y a de la place.</translation>
    </message>
    <message>
        <location filename="../../tools/render_screenshots.py" line="248"/>
        <source>Hello,

The replacement unit ships today; you will get the tracking number by e-mail.</source>
        <translation>Bonjour,

L’appareil de remplacement part aujourd’hui&#xa0;; vous recevrez le numéro de suivi par e-mail.</translation>
    </message>
    <message>
        <location filename="../../tools/render_screenshots.py" line="276"/>
        <source>Monodesk cannot write its local data in /home/ana/.local/share/Monodesk (Read-only file system). Check that the folder is yours and writable (and the disk not mounted read-only), or start Monodesk with --data-dir pointing to a writable folder.</source>
        <translation>Monodesk ne peut pas écrire ses données locales dans /home/ana/.local/share/Monodesk (système de fichiers en lecture seule). Vérifiez que le dossier vous appartient et est accessible en écriture (et que le disque n’est pas monté en lecture seule), ou lancez Monodesk avec --data-dir vers un dossier accessible en écriture.</translation>
    </message>
</context>
<context>
    <name>SideSheet</name>
    <message>
        <location filename="../../ui/side_sheet.py" line="25"/>
        <source>Other ticket of this customer</source>
        <translation>Autre ticket de ce client</translation>
    </message>
    <message>
        <location filename="../../ui/side_sheet.py" line="34"/>
        <source>Close (Esc)</source>
        <translation>Fermer (Échap)</translation>
    </message>
    <message>
        <location filename="../../ui/side_sheet.py" line="35"/>
        <source>Close the other ticket</source>
        <translation>Fermer l’autre ticket</translation>
    </message>
    <message>
        <location filename="../../ui/side_sheet.py" line="40"/>
        <source>Read only — your current ticket stays open.</source>
        <translation>Lecture seule — votre ticket en cours reste ouvert.</translation>
    </message>
    <message>
        <location filename="../../ui/side_sheet.py" line="42"/>
        <source>Work on this ticket</source>
        <translation>Travailler sur ce ticket</translation>
    </message>
    <message>
        <location filename="../../ui/side_sheet.py" line="44"/>
        <source>Make it your current ticket (Enter)</source>
        <translation>En faire votre ticket en cours (Entrée)</translation>
    </message>
    <message>
        <location filename="../../ui/side_sheet.py" line="63"/>
        <source>%1 · %2 · opened %3 · updated %4</source>
        <translation>%1 · %2 · ouvert le %3 · mis à jour le %4</translation>
    </message>
    <message>
        <location filename="../../ui/side_sheet.py" line="68"/>
        <source>Its conversation is not kept on this computer.</source>
        <translation>Sa conversation n’est pas conservée sur cet ordinateur.</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <location filename="../../ui/sign_in.py" line="42"/>
        <source>Connect your helpdesk</source>
        <translation>Connecter votre helpdesk</translation>
    </message>
    <message>
        <location filename="../../ui/sign_in.py" line="47"/>
        <source>Monodesk keeps a copy of your work on this computer and syncs it with your helpdesk. The token is kept in the system keyring, never in a file.</source>
        <translation>Monodesk garde une copie de votre travail sur cet ordinateur et la synchronise avec votre helpdesk. Le jeton est conservé dans le trousseau du système, jamais dans un fichier.</translation>
    </message>
    <message>
        <location filename="../../ui/sign_in.py" line="58"/>
        <source>Helpdesk type</source>
        <translation>Type de helpdesk</translation>
    </message>
    <message>
        <location filename="../../ui/sign_in.py" line="61"/>
        <source>https://helpdesk.example.com</source>
        <translation>https://helpdesk.example.com</translation>
    </message>
    <message>
        <location filename="../../ui/sign_in.py" line="62"/>
        <source>Helpdesk address</source>
        <translation>Adresse du helpdesk</translation>
    </message>
    <message>
        <location filename="../../ui/sign_in.py" line="65"/>
        <source>Your helpdesk login</source>
        <translation>Votre identifiant sur le helpdesk</translation>
    </message>
    <message>
        <location filename="../../ui/sign_in.py" line="66"/>
        <source>User name</source>
        <translation>Nom d’utilisateur</translation>
    </message>
    <message>
        <location filename="../../ui/sign_in.py" line="70"/>
        <source>Paste the API token from your helpdesk profile</source>
        <translation>Collez le jeton d’API de votre profil sur le helpdesk</translation>
    </message>
    <message>
        <location filename="../../ui/sign_in.py" line="71"/>
        <source>API token</source>
        <translation>Jeton d’API</translation>
    </message>
    <message>
        <location filename="../../ui/sign_in.py" line="72"/>
        <source>Show the token</source>
        <translation>Afficher le jeton</translation>
    </message>
    <message>
        <location filename="../../ui/sign_in.py" line="80"/>
        <source>&amp;Helpdesk:</source>
        <translation>&amp;Helpdesk&#xa0;:</translation>
    </message>
    <message>
        <location filename="../../ui/sign_in.py" line="81"/>
        <source>&amp;Address:</source>
        <translation>&amp;Adresse&#xa0;:</translation>
    </message>
    <message>
        <location filename="../../ui/sign_in.py" line="82"/>
        <source>&amp;User:</source>
        <translation>&amp;Utilisateur&#xa0;:</translation>
    </message>
    <message>
        <location filename="../../ui/sign_in.py" line="83"/>
        <source>&amp;Token:</source>
        <translation>&amp;Jeton&#xa0;:</translation>
    </message>
    <message>
        <location filename="../../ui/sign_in.py" line="86"/>
        <source>Keep the token in a plain file (not recommended)</source>
        <translation>Garder le jeton dans un fichier en clair (déconseillé)</translation>
    </message>
    <message>
        <location filename="../../ui/sign_in.py" line="88"/>
        <source>Readable only by you on this computer, but anyone who can read your files can use it.</source>
        <translation>Lisible par vous seul sur cet ordinateur, mais quiconque peut lire vos fichiers peut s’en servir.</translation>
    </message>
    <message>
        <location filename="../../ui/sign_in.py" line="96"/>
        <source>Sign-in problem</source>
        <translation>Problème de connexion</translation>
    </message>
    <message>
        <location filename="../../ui/sign_in.py" line="98"/>
        <source>Checking with your helpdesk…</source>
        <translation>Vérification auprès de votre helpdesk…</translation>
    </message>
    <message>
        <location filename="../../ui/sign_in.py" line="103"/>
        <location filename="../../ui/sign_in.py" line="184"/>
        <source>Sign in</source>
        <translation>Se connecter</translation>
    </message>
    <message>
        <location filename="../../ui/sign_in.py" line="106"/>
        <source>Check the address, user and token with the helpdesk (Enter)</source>
        <translation>Vérifier l’adresse, l’utilisateur et le jeton auprès du helpdesk (Entrée)</translation>
    </message>
    <message>
        <location filename="../../ui/sign_in.py" line="107"/>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <location filename="../../ui/sign_in.py" line="184"/>
        <source>Checking…</source>
        <translation>Vérification…</translation>
    </message>
    <message>
        <location filename="../../ui/wording.py" line="27"/>
        <source>Monodesk cannot connect to a helpdesk of type %4.</source>
        <translation>Monodesk ne sait pas se connecter à un helpdesk de type %4.</translation>
    </message>
    <message>
        <location filename="../../ui/wording.py" line="30"/>
        <source>Enter your helpdesk&apos;s address, e.g. https://helpdesk.example.com.</source>
        <translation>Saisissez l’adresse de votre helpdesk, par exemple https://helpdesk.example.com.</translation>
    </message>
    <message>
        <location filename="../../ui/wording.py" line="33"/>
        <source>The address must start with https:// or http://.</source>
        <translation>L’adresse doit commencer par https:// ou http://.</translation>
    </message>
    <message>
        <location filename="../../ui/wording.py" line="36"/>
        <source>This is not a web address. Example: https://helpdesk.example.com.</source>
        <translation>Ce n’est pas une adresse web. Exemple&#xa0;: https://helpdesk.example.com.</translation>
    </message>
    <message>
        <location filename="../../ui/wording.py" line="39"/>
        <source>The port in the address is not a number.</source>
        <translation>Le port indiqué dans l’adresse n’est pas un nombre.</translation>
    </message>
    <message>
        <location filename="../../ui/wording.py" line="42"/>
        <source>Give the helpdesk&apos;s address without ? or # parts.</source>
        <translation>Indiquez l’adresse du helpdesk sans partie ? ou #.</translation>
    </message>
    <message>
        <location filename="../../ui/wording.py" line="45"/>
        <source>Enter your user name on the helpdesk.</source>
        <translation>Saisissez votre nom d’utilisateur sur le helpdesk.</translation>
    </message>
    <message>
        <location filename="../../ui/wording.py" line="48"/>
        <source>Paste the API token you created in the helpdesk (your profile page).</source>
        <translation>Collez le jeton d’API créé dans le helpdesk (page de votre profil).</translation>
    </message>
    <message>
        <location filename="../../ui/wording.py" line="51"/>
        <source>The token contains spaces or line breaks: paste it again, exactly.</source>
        <translation>Le jeton contient des espaces ou des retours à la ligne&#xa0;: collez-le de nouveau, tel quel.</translation>
    </message>
    <message>
        <location filename="../../ui/wording.py" line="54"/>
        <source>The helpdesk refused this token. Check that it is complete, belongs to %1 and has not expired or been revoked.</source>
        <translation>Le helpdesk a refusé ce jeton. Vérifiez qu’il est complet, qu’il appartient à %1 et qu’il n’a été ni révoqué ni n’a expiré.</translation>
    </message>
    <message>
        <location filename="../../ui/wording.py" line="58"/>
        <source>The helpdesk has no user named %1. Check the user name (it is your helpdesk login).</source>
        <translation>Le helpdesk n’a aucun utilisateur nommé %1. Vérifiez le nom d’utilisateur (c’est votre identifiant sur le helpdesk).</translation>
    </message>
    <message>
        <location filename="../../ui/wording.py" line="61"/>
        <source>The token works, but %1 may not use the helpdesk&apos;s API. Ask an administrator for the rights.</source>
        <translation>Le jeton fonctionne, mais %1 n’a pas le droit d’utiliser l’API du helpdesk. Demandez ces droits à un administrateur.</translation>
    </message>
    <message>
        <location filename="../../ui/wording.py" line="65"/>
        <source>Could not connect securely to %2: %3</source>
        <translation>Impossible de se connecter de façon sécurisée à %2&#xa0;: %3</translation>
    </message>
    <message>
        <location filename="../../ui/wording.py" line="68"/>
        <source>Could not reach %2. Check the address and your network (VPN, Wi-Fi), then try again.</source>
        <translation>Impossible de joindre %2. Vérifiez l’adresse et votre réseau (VPN, Wi-Fi), puis réessayez.</translation>
    </message>
    <message>
        <location filename="../../ui/wording.py" line="71"/>
        <source>The helpdesk at %2 answers too slowly (nothing complete in the time allowed). Try again later; if it lasts, a proxy or VPN may be holding the connection.</source>
        <translation>Le helpdesk à l’adresse %2 répond trop lentement (rien de complet dans le temps imparti). Réessayez plus tard&#xa0;; si cela dure, un proxy ou un VPN retient peut-être la connexion.</translation>
    </message>
    <message>
        <location filename="../../ui/wording.py" line="75"/>
        <source>No %4 answered at %2. Check the address. (%3)</source>
        <translation>Aucun serveur %4 n’a répondu à %2. Vérifiez l’adresse. (%3)</translation>
    </message>
    <message>
        <location filename="../../ui/wording.py" line="78"/>
        <source>The helpdesk at %2 is having trouble. Try again in a few minutes. (%3)</source>
        <translation>Le helpdesk à %2 rencontre des difficultés. Réessayez dans quelques minutes. (%3)</translation>
    </message>
    <message>
        <location filename="../../ui/wording.py" line="81"/>
        <source>No usable keyring was found to store the token safely. On Linux, install and unlock a Secret Service provider (GNOME Keyring or KWallet) in your desktop session; on macOS and Windows the system keychain is used. As a last resort, tick “Keep the token in a plain file” below: it is then stored in a file readable only by you.</source>
        <translation>Aucun trousseau utilisable n’a été trouvé pour garder le jeton en sécurité. Sous Linux, installez et déverrouillez un fournisseur Secret Service (GNOME Keyring ou KWallet) dans votre session&#xa0;; sous macOS et Windows, le trousseau du système est utilisé. En dernier recours, cochez «&#xa0;Garder le jeton dans un fichier en clair&#xa0;» ci-dessous&#xa0;: il est alors gardé dans un fichier lisible par vous seul.</translation>
    </message>
</context>
<context>
    <name>SkipBar</name>
    <message>
        <location filename="../../ui/skip_bar.py" line="25"/>
        <source>Skip this ticket</source>
        <translation>Passer ce ticket</translation>
    </message>
    <message>
        <location filename="../../ui/skip_bar.py" line="32"/>
        <source>Why skip? (e.g. waiting for billing)</source>
        <translation>Pourquoi le passer&#xa0;? (par ex. en attente de la facturation)</translation>
    </message>
    <message>
        <location filename="../../ui/skip_bar.py" line="33"/>
        <source>Reason for skipping</source>
        <translation>Raison</translation>
    </message>
    <message>
        <location filename="../../ui/skip_bar.py" line="40"/>
        <source>Skip</source>
        <translation>Passer</translation>
    </message>
    <message>
        <location filename="../../ui/skip_bar.py" line="42"/>
        <source>Skip the ticket</source>
        <translation>Passer le ticket</translation>
    </message>
    <message>
        <location filename="../../ui/skip_bar.py" line="43"/>
        <source>Set this ticket aside until it changes (Enter)</source>
        <translation>Mettre ce ticket de côté jusqu’à ce qu’il change (Entrée)</translation>
    </message>
    <message>
        <location filename="../../ui/skip_bar.py" line="44"/>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <location filename="../../ui/skip_bar.py" line="46"/>
        <source>Cancel skipping</source>
        <translation>Ne pas passer</translation>
    </message>
    <message>
        <location filename="../../ui/skip_bar.py" line="47"/>
        <source>Keep working on this ticket (Esc)</source>
        <translation>Continuer sur ce ticket (Échap)</translation>
    </message>
    <message>
        <location filename="../../ui/skip_bar.py" line="53"/>
        <source>Quick reasons:</source>
        <translation>Raisons rapides&#xa0;:</translation>
    </message>
    <message>
        <location filename="../../ui/skip_bar.py" line="55"/>
        <source>Needs a specialist</source>
        <translation>Demande un spécialiste</translation>
    </message>
    <message>
        <location filename="../../ui/skip_bar.py" line="55"/>
        <source>Waiting for a colleague</source>
        <translation>En attente d’un collègue</translation>
    </message>
    <message>
        <location filename="../../ui/skip_bar.py" line="56"/>
        <source>Not my product</source>
        <translation>Pas mon produit</translation>
    </message>
    <message>
        <location filename="../../ui/skip_bar.py" line="60"/>
        <source>Reason: %1</source>
        <translation>Raison&#xa0;: %1</translation>
    </message>
    <message>
        <location filename="../../ui/skip_bar.py" line="61"/>
        <source>Use this reason</source>
        <translation>Utiliser cette raison</translation>
    </message>
    <message>
        <location filename="../../ui/wording.py" line="102"/>
        <source>Say in a few words why the ticket is skipped.</source>
        <translation>Dites en quelques mots pourquoi vous passez ce ticket.</translation>
    </message>
</context>
<context>
    <name>Span</name>
    <message>
        <location filename="../../ui/models.py" line="52"/>
        <source>%1 d</source>
        <translation>%1 j</translation>
    </message>
    <message>
        <location filename="../../ui/models.py" line="54"/>
        <source>%1 h</source>
        <translation>%1 h</translation>
    </message>
    <message>
        <location filename="../../ui/models.py" line="56"/>
        <location filename="../../ui/models.py" line="59"/>
        <source>%1 min</source>
        <translation>%1 min</translation>
    </message>
    <message>
        <location filename="../../ui/models.py" line="58"/>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
</context>
<context>
    <name>Status</name>
    <message>
        <location filename="../../ui/models.py" line="38"/>
        <source>new</source>
        <translation>nouveau</translation>
    </message>
    <message>
        <location filename="../../ui/models.py" line="39"/>
        <source>open</source>
        <translation>ouvert</translation>
    </message>
    <message>
        <location filename="../../ui/models.py" line="40"/>
        <source>pending</source>
        <translation>en attente</translation>
    </message>
    <message>
        <location filename="../../ui/models.py" line="41"/>
        <source>resolved</source>
        <translation>résolu</translation>
    </message>
    <message>
        <location filename="../../ui/models.py" line="42"/>
        <source>rejected</source>
        <translation>rejeté</translation>
    </message>
    <message>
        <location filename="../../ui/models.py" line="43"/>
        <source>deleted</source>
        <translation>supprimé</translation>
    </message>
</context>
<context>
    <name>StorageProblem</name>
    <message>
        <location filename="../../ui/storage_problem.py" line="16"/>
        <source>Monodesk cannot start</source>
        <translation>Monodesk ne peut pas démarrer</translation>
    </message>
    <message>
        <location filename="../../ui/storage_problem.py" line="18"/>
        <source>Monodesk cannot use its local data</source>
        <translation>Monodesk ne peut pas utiliser ses données locales</translation>
    </message>
    <message>
        <location filename="../../ui/storage_problem.py" line="29"/>
        <source>Nothing you queued has been lost: it is still on this computer, and Monodesk sends it once it can start.</source>
        <translation>Rien de ce que vous avez mis en attente n’est perdu&#xa0;: tout est encore sur cet ordinateur, et Monodesk l’enverra dès qu’il pourra démarrer.</translation>
    </message>
    <message>
        <location filename="../../ui/storage_problem.py" line="32"/>
        <source>&amp;Copy the message</source>
        <translation>&amp;Copier le message</translation>
    </message>
    <message>
        <location filename="../../ui/storage_problem.py" line="34"/>
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
</context>
<context>
    <name>SyncIndicator</name>
    <message numerus="yes">
        <location filename="../../ui/sync_indicator.py" line="107"/>
        <source>%n waiting</source>
        <translation>
            <numerusform>%n en attente</numerusform>
            <numerusform>%n en attente</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/sync_indicator.py" line="108"/>
        <source>%n tickets wait in your queues</source>
        <translation>
            <numerusform>%n ticket attend dans vos files</numerusform>
            <numerusform>%n tickets attendent dans vos files</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/sync_indicator.py" line="110"/>
        <source>Nothing waiting</source>
        <translation>Rien en attente</translation>
    </message>
    <message>
        <location filename="../../ui/sync_indicator.py" line="111"/>
        <source>No ticket waits in your queues</source>
        <translation>Aucun ticket n’attend dans vos files</translation>
    </message>
    <message>
        <location filename="../../ui/sync_indicator.py" line="125"/>
        <source>Syncing…</source>
        <translation>Synchronisation…</translation>
    </message>
    <message>
        <location filename="../../ui/sync_indicator.py" line="127"/>
        <source>Signed out</source>
        <translation>Déconnecté</translation>
    </message>
    <message>
        <location filename="../../ui/sync_indicator.py" line="129"/>
        <source>Offline</source>
        <translation>Hors ligne</translation>
    </message>
    <message>
        <location filename="../../ui/sync_indicator.py" line="131"/>
        <source>Sync problem</source>
        <translation>Problème de synchronisation</translation>
    </message>
    <message>
        <location filename="../../ui/sync_indicator.py" line="133"/>
        <source>Synced by another Monodesk</source>
        <translation>Synchronisé par un autre Monodesk</translation>
    </message>
    <message>
        <location filename="../../ui/sync_indicator.py" line="139"/>
        <source>Online · %1</source>
        <translation>En ligne · %1</translation>
    </message>
    <message>
        <location filename="../../ui/sync_indicator.py" line="139"/>
        <source>Online</source>
        <translation>En ligne</translation>
    </message>
    <message>
        <location filename="../../ui/sync_indicator.py" line="144"/>
        <source>retrying in %1</source>
        <translation>nouvel essai dans %1</translation>
    </message>
    <message>
        <location filename="../../ui/sync_indicator.py" line="148"/>
        <source>1 conflict</source>
        <translation>1 conflit</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/sync_indicator.py" line="149"/>
        <source>%n conflicts</source>
        <translation>
            <numerusform>%n conflit</numerusform>
            <numerusform>%n conflits</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/sync_indicator.py" line="161"/>
        <source>1 change waiting</source>
        <translation>1 modification en attente</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/sync_indicator.py" line="162"/>
        <source>%n changes waiting</source>
        <translation>
            <numerusform>%n modification en attente</numerusform>
            <numerusform>%n modifications en attente</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/sync_indicator.py" line="179"/>
        <source>synced just now</source>
        <translation>synchronisé à l’instant</translation>
    </message>
    <message>
        <location filename="../../ui/sync_indicator.py" line="180"/>
        <source>synced %1 ago</source>
        <translation>synchronisé il y a %1</translation>
    </message>
    <message>
        <location filename="../../ui/sync_indicator.py" line="184"/>
        <source>%1 min</source>
        <translation>%1 min</translation>
    </message>
    <message>
        <location filename="../../ui/sync_indicator.py" line="185"/>
        <source>%1 h</source>
        <translation>%1 h</translation>
    </message>
    <message>
        <location filename="../../ui/sync_indicator.py" line="186"/>
        <source>%1 d</source>
        <translation>%1 j</translation>
    </message>
    <message>
        <location filename="../../ui/sync_indicator.py" line="187"/>
        <source>%1 wk</source>
        <translation>%1 sem.</translation>
    </message>
    <message>
        <location filename="../../ui/sync_indicator.py" line="188"/>
        <source>%1 mo</source>
        <translation>%1 mois</translation>
    </message>
    <message>
        <location filename="../../ui/sync_indicator.py" line="189"/>
        <source>%1 y</source>
        <translation>%1 an</translation>
    </message>
    <message>
        <location filename="../../ui/sync_indicator.py" line="196"/>
        <source>Connected to the helpdesk. Changes are sent in the background.</source>
        <translation>Connecté au helpdesk. Les modifications sont envoyées en arrière-plan.</translation>
    </message>
    <message>
        <location filename="../../ui/sync_indicator.py" line="197"/>
        <source>Exchanging changes with the helpdesk.</source>
        <translation>Échange des modifications avec le helpdesk.</translation>
    </message>
    <message>
        <location filename="../../ui/sync_indicator.py" line="199"/>
        <source>The helpdesk cannot be reached. Your work is kept on this computer and sent when the connection is back.</source>
        <translation>Le helpdesk est injoignable. Votre travail est conservé sur cet ordinateur et sera envoyé au retour de la connexion.</translation>
    </message>
    <message>
        <location filename="../../ui/sync_indicator.py" line="202"/>
        <source>The helpdesk refused the saved sign-in. Sign in again to resume syncing; your work is kept on this computer.</source>
        <translation>Le helpdesk a refusé la connexion enregistrée. Reconnectez-vous pour reprendre la synchronisation&#xa0;; votre travail est conservé sur cet ordinateur.</translation>
    </message>
    <message>
        <location filename="../../ui/sync_indicator.py" line="205"/>
        <source>Syncing failed for a reason other than the network; Monodesk retries by itself. Your work is kept on this computer.</source>
        <translation>La synchronisation a échoué pour une autre raison que le réseau&#xa0;; Monodesk réessaie de lui-même. Votre travail est conservé sur cet ordinateur.</translation>
    </message>
    <message>
        <location filename="../../ui/sync_indicator.py" line="208"/>
        <source>Another Monodesk process syncs this profile: this window shows what it brings, and takes over when it stops.</source>
        <translation>Un autre processus Monodesk synchronise ce profil&#xa0;: cette fenêtre affiche ce qu’il apporte et prend le relais quand il s’arrête.</translation>
    </message>
    <message>
        <location filename="../../ui/sync_indicator.py" line="216"/>
        <source>Last synced: %1 (%2)</source>
        <translation>Dernière synchronisation&#xa0;: %1 (%2)</translation>
    </message>
    <message>
        <location filename="../../ui/sync_indicator.py" line="219"/>
        <source>Not synced yet.</source>
        <translation>Pas encore synchronisé.</translation>
    </message>
    <message>
        <location filename="../../ui/sync_indicator.py" line="221"/>
        <source>Changes waiting to be sent: %1</source>
        <translation>Modifications en attente d’envoi&#xa0;: %1</translation>
    </message>
    <message>
        <location filename="../../ui/sync_indicator.py" line="223"/>
        <source>Changes that need your decision: %1</source>
        <translation>Modifications qui demandent votre décision&#xa0;: %1</translation>
    </message>
    <message>
        <location filename="../../ui/sync_indicator.py" line="225"/>
        <source>Next attempt in %1</source>
        <translation>Prochain essai dans %1</translation>
    </message>
</context>
<context>
    <name>TaskEditor</name>
    <message>
        <location filename="../../ui/task_list.py" line="222"/>
        <source>Task</source>
        <translation>Tâche</translation>
    </message>
    <message>
        <location filename="../../ui/task_list.py" line="225"/>
        <source>Due</source>
        <translation>Échéance</translation>
    </message>
    <message>
        <location filename="../../ui/task_list.py" line="226"/>
        <source>Due day</source>
        <translation>Jour d’échéance</translation>
    </message>
    <message>
        <location filename="../../ui/task_list.py" line="227"/>
        <source>A date (2026-12-04), today, tomorrow, a weekday, +3; empty: none</source>
        <translation>Une date (2026-12-04), aujourd’hui, demain, un jour de la semaine, +3&#xa0;; vide&#xa0;: aucune</translation>
    </message>
</context>
<context>
    <name>TaskModel</name>
    <message>
        <location filename="../../ui/task_list.py" line="149"/>
        <source>Space: done · Enter: edit · Alt+Up/Down: move · Delete: remove</source>
        <translation>Espace&#xa0;: faite · Entrée&#xa0;: modifier · Alt+Haut/Bas&#xa0;: déplacer · Suppr&#xa0;: supprimer</translation>
    </message>
    <message>
        <location filename="../../ui/task_list.py" line="151"/>
        <location filename="../../ui/task_list.py" line="170"/>
        <source>done</source>
        <translation>faite</translation>
    </message>
    <message>
        <location filename="../../ui/task_list.py" line="151"/>
        <source>open</source>
        <translation>à faire</translation>
    </message>
    <message>
        <location filename="../../ui/task_list.py" line="161"/>
        <source>changed elsewhere too</source>
        <translation>modifiée ailleurs aussi</translation>
    </message>
    <message>
        <location filename="../../ui/task_list.py" line="163"/>
        <source>overdue, due %1</source>
        <translation>en retard, prévue pour %1</translation>
    </message>
    <message>
        <location filename="../../ui/task_list.py" line="164"/>
        <source>due today</source>
        <translation>pour aujourd’hui</translation>
    </message>
    <message>
        <location filename="../../ui/task_list.py" line="164"/>
        <source>due %1</source>
        <translation>pour %1</translation>
    </message>
    <message>
        <location filename="../../ui/task_list.py" line="167"/>
        <source>from #%1</source>
        <translation>du ticket n°%1</translation>
    </message>
    <message>
        <location filename="../../ui/task_list.py" line="170"/>
        <source>done by %1</source>
        <translation>faite par %1</translation>
    </message>
    <message>
        <location filename="../../ui/task_list.py" line="172"/>
        <source>added by %1</source>
        <translation>ajoutée par %1</translation>
    </message>
</context>
<context>
    <name>TaskPanelView</name>
    <message>
        <location filename="../../ui/task_view.py" line="78"/>
        <source>Add a task for them…</source>
        <translation>Ajouter une tâche pour ce client…</translation>
    </message>
    <message>
        <location filename="../../ui/task_view.py" line="79"/>
        <source>New task</source>
        <translation>Nouvelle tâche</translation>
    </message>
    <message>
        <location filename="../../ui/task_view.py" line="84"/>
        <source>Due</source>
        <translation>Échéance</translation>
    </message>
    <message>
        <location filename="../../ui/task_view.py" line="85"/>
        <source>Due day of the new task</source>
        <translation>Jour d’échéance de la nouvelle tâche</translation>
    </message>
    <message>
        <location filename="../../ui/task_view.py" line="86"/>
        <source>A date (2026-12-04), today, tomorrow, a weekday, +3; empty: none</source>
        <translation>Une date (2026-12-04), aujourd’hui, demain, un jour de la semaine, +3&#xa0;; vide&#xa0;: aucune</translation>
    </message>
    <message>
        <location filename="../../ui/task_view.py" line="103"/>
        <source>The customer&apos;s tasks</source>
        <translation>Les tâches du client</translation>
    </message>
    <message>
        <location filename="../../ui/task_view.py" line="113"/>
        <location filename="../../ui/task_view.py" line="398"/>
        <source>No tasks for this customer yet.</source>
        <translation>Aucune tâche pour ce client pour l’instant.</translation>
    </message>
    <message>
        <location filename="../../ui/task_view.py" line="120"/>
        <source>&amp;Undo</source>
        <translation>&amp;Annuler</translation>
    </message>
    <message>
        <location filename="../../ui/task_view.py" line="123"/>
        <source>Bring the task back (Ctrl+Z)</source>
        <translation>Faire revenir la tâche (Ctrl+Z)</translation>
    </message>
    <message>
        <location filename="../../ui/task_view.py" line="136"/>
        <location filename="../../ui/task_view.py" line="382"/>
        <source>Keep mine</source>
        <translation>Garder la mienne</translation>
    </message>
    <message>
        <location filename="../../ui/task_view.py" line="138"/>
        <location filename="../../ui/task_view.py" line="383"/>
        <source>Take theirs</source>
        <translation>Prendre l’autre</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/task_view.py" line="181"/>
        <source>Tasks · %n open</source>
        <translation>
            <numerusform>Tâches · %n à faire</numerusform>
            <numerusform>Tâches · %n à faire</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/task_view.py" line="182"/>
        <location filename="../../ui/task_view.py" line="196"/>
        <source>Tasks</source>
        <translation>Tâches</translation>
    </message>
    <message>
        <location filename="../../ui/task_view.py" line="185"/>
        <source>Kept on this computer only: this helpdesk has no place for tasks.</source>
        <translation>Gardées sur cet ordinateur seulement&#xa0;: ce helpdesk n’a pas de place pour les tâches.</translation>
    </message>
    <message>
        <location filename="../../ui/task_view.py" line="187"/>
        <source>Kept on this computer until the helpdesk has a queue named “%1” that you can see; then shared.</source>
        <translation>Gardées sur cet ordinateur jusqu’à ce que le helpdesk ait une file «&#xa0;%1&#xa0;» visible pour vous&#xa0;; ensuite partagées.</translation>
    </message>
    <message>
        <location filename="../../ui/task_view.py" line="201"/>
        <source>No customer for this ticket.</source>
        <translation>Aucun client pour ce ticket.</translation>
    </message>
    <message>
        <location filename="../../ui/task_view.py" line="308"/>
        <source>A task is one line: this one is too long by %1 bytes. Keep the details in a note.</source>
        <translation>Une tâche tient en une ligne&#xa0;: celle-ci dépasse de %1 octets. Gardez les détails pour une note.</translation>
    </message>
    <message>
        <location filename="../../ui/task_view.py" line="317"/>
        <source>“%1” is not a day: write 2026-12-04, today, tomorrow, a weekday or +3.</source>
        <translation>«&#xa0;%1&#xa0;» n’est pas un jour&#xa0;: écrivez 2026-12-04, aujourd’hui, demain, un jour de la semaine ou +3.</translation>
    </message>
    <message>
        <location filename="../../ui/task_view.py" line="350"/>
        <source>Removed “%1”.</source>
        <translation>«&#xa0;%1&#xa0;» supprimée.</translation>
    </message>
    <message>
        <location filename="../../ui/task_view.py" line="371"/>
        <source>The helpdesk refused this change: %1</source>
        <translation>Le helpdesk a refusé cette modification&#xa0;: %1</translation>
    </message>
    <message>
        <location filename="../../ui/task_view.py" line="372"/>
        <source>Try again</source>
        <translation>Réessayer</translation>
    </message>
    <message>
        <location filename="../../ui/task_view.py" line="373"/>
        <source>Drop it</source>
        <translation>L’abandonner</translation>
    </message>
    <message>
        <location filename="../../ui/task_view.py" line="375"/>
        <source>Someone deleted this task in the helpdesk while you changed it.</source>
        <translation>Quelqu’un a supprimé cette tâche dans le helpdesk pendant que vous la modifiiez.</translation>
    </message>
    <message>
        <location filename="../../ui/task_view.py" line="376"/>
        <source>Keep it</source>
        <translation>La garder</translation>
    </message>
    <message>
        <location filename="../../ui/task_view.py" line="377"/>
        <source>Let it go</source>
        <translation>La laisser partir</translation>
    </message>
    <message>
        <location filename="../../ui/task_view.py" line="380"/>
        <source>no due day</source>
        <translation>sans échéance</translation>
    </message>
    <message>
        <location filename="../../ui/task_view.py" line="381"/>
        <source>Changed elsewhere too, to “%1”.</source>
        <translation>Modifiée ailleurs aussi, en «&#xa0;%1&#xa0;».</translation>
    </message>
</context>
<context>
    <name>ThreadView</name>
    <message>
        <location filename="../../ui/thread_view.py" line="312"/>
        <source>Conversation</source>
        <translation>Conversation</translation>
    </message>
    <message>
        <location filename="../../ui/thread_view.py" line="333"/>
        <source>Show earlier messages</source>
        <translation>Afficher les messages précédents</translation>
    </message>
    <message>
        <location filename="../../ui/thread_view.py" line="336"/>
        <source>No messages yet.</source>
        <translation>Aucun message pour l’instant.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/thread_view.py" line="419"/>
        <source>Show %n earlier message(s)</source>
        <translation>
            <numerusform>Afficher %n message précédent</numerusform>
            <numerusform>Afficher les %n messages précédents</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TicketHeader</name>
    <message>
        <location filename="../../ui/ticket_header.py" line="97"/>
        <source>Ticket subject</source>
        <translation>Objet du ticket</translation>
    </message>
    <message>
        <location filename="../../ui/ticket_header.py" line="115"/>
        <source>Customer</source>
        <translation>Client</translation>
    </message>
    <message>
        <location filename="../../ui/ticket_header.py" line="118"/>
        <source>Show the customer&apos;s tasks (Ctrl+T)</source>
        <translation>Afficher les tâches du client (Ctrl+T)</translation>
    </message>
    <message>
        <location filename="../../ui/ticket_header.py" line="177"/>
        <source>(no subject)</source>
        <translation>(sans objet)</translation>
    </message>
    <message>
        <location filename="../../ui/ticket_header.py" line="180"/>
        <source>Ticket number</source>
        <translation>Numéro du ticket</translation>
    </message>
    <message>
        <location filename="../../ui/ticket_header.py" line="182"/>
        <source>Queue</source>
        <translation>File</translation>
    </message>
    <message>
        <location filename="../../ui/ticket_header.py" line="183"/>
        <source>Priority %1</source>
        <translation>Priorité %1</translation>
    </message>
    <message>
        <location filename="../../ui/ticket_header.py" line="185"/>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <location filename="../../ui/ticket_header.py" line="187"/>
        <source>Owner</source>
        <translation>Responsable</translation>
    </message>
    <message>
        <location filename="../../ui/ticket_header.py" line="191"/>
        <source>Some of this ticket could not be read: %1</source>
        <translation>Une partie de ce ticket n’a pas pu être lue&#xa0;: %1</translation>
    </message>
    <message>
        <location filename="../../ui/ticket_header.py" line="205"/>
        <source>1 task overdue</source>
        <translation>1 tâche en retard</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/ticket_header.py" line="206"/>
        <source>%n tasks overdue</source>
        <translation>
            <numerusform>%n tâche en retard</numerusform>
            <numerusform>%n tâches en retard</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/ticket_header.py" line="208"/>
        <source>%n due today</source>
        <translation>
            <numerusform>%n pour aujourd’hui</numerusform>
            <numerusform>%n pour aujourd’hui</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/ticket_header.py" line="229"/>
        <source>Unassigned</source>
        <translation>Non attribué</translation>
    </message>
    <message>
        <location filename="../../ui/ticket_header.py" line="231"/>
        <source>Yours</source>
        <translation>À vous</translation>
    </message>
    <message>
        <location filename="../../ui/ticket_header.py" line="232"/>
        <source>Owned by %1</source>
        <translation>Attribué à %1</translation>
    </message>
    <message>
        <location filename="../../ui/ticket_header.py" line="235"/>
        <source>Unknown customer</source>
        <translation>Client inconnu</translation>
    </message>
    <message>
        <location filename="../../ui/ticket_header.py" line="243"/>
        <source>Opened %1</source>
        <translation>Ouvert le %1</translation>
    </message>
    <message>
        <location filename="../../ui/ticket_header.py" line="246"/>
        <source>Pending: back when the customer writes</source>
        <translation>En attente&#xa0;: revient quand le client écrit</translation>
    </message>
    <message>
        <location filename="../../ui/ticket_header.py" line="249"/>
        <source>The due time counts again once the customer answers</source>
        <translation>L’échéance court de nouveau dès que le client répond</translation>
    </message>
    <message>
        <location filename="../../ui/ticket_header.py" line="260"/>
        <source>Due in %1</source>
        <translation>Échéance dans %1</translation>
    </message>
    <message>
        <location filename="../../ui/ticket_header.py" line="262"/>
        <source>Due now</source>
        <translation>Échéance maintenant</translation>
    </message>
    <message>
        <location filename="../../ui/ticket_header.py" line="264"/>
        <source>Overdue by %1</source>
        <translation>En retard de %1</translation>
    </message>
    <message>
        <location filename="../../ui/ticket_header.py" line="268"/>
        <source>Due %1</source>
        <translation>Échéance&#xa0;: %1</translation>
    </message>
    <message>
        <location filename="../../ui/ticket_header.py" line="273"/>
        <source>opened a minute ago</source>
        <translation>ouvert il y a une minute</translation>
    </message>
    <message>
        <location filename="../../ui/ticket_header.py" line="274"/>
        <source>opened an hour ago</source>
        <translation>ouvert il y a une heure</translation>
    </message>
    <message>
        <location filename="../../ui/ticket_header.py" line="275"/>
        <source>opened a day ago</source>
        <translation>ouvert il y a un jour</translation>
    </message>
    <message>
        <location filename="../../ui/ticket_header.py" line="276"/>
        <source>opened a week ago</source>
        <translation>ouvert il y a une semaine</translation>
    </message>
    <message>
        <location filename="../../ui/ticket_header.py" line="277"/>
        <source>opened a month ago</source>
        <translation>ouvert il y a un mois</translation>
    </message>
    <message>
        <location filename="../../ui/ticket_header.py" line="278"/>
        <source>opened a year ago</source>
        <translation>ouvert il y a un an</translation>
    </message>
    <message>
        <location filename="../../ui/ticket_header.py" line="281"/>
        <source>opened just now</source>
        <translation>ouvert à l’instant</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/ticket_header.py" line="285"/>
        <source>opened %n minutes ago</source>
        <translation>
            <numerusform>ouvert il y a %n minute</numerusform>
            <numerusform>ouvert il y a %n minutes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/ticket_header.py" line="286"/>
        <source>opened %n hours ago</source>
        <translation>
            <numerusform>ouvert il y a %n heure</numerusform>
            <numerusform>ouvert il y a %n heures</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/ticket_header.py" line="287"/>
        <source>opened %n days ago</source>
        <translation>
            <numerusform>ouvert il y a %n jour</numerusform>
            <numerusform>ouvert il y a %n jours</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/ticket_header.py" line="288"/>
        <source>opened %n weeks ago</source>
        <translation>
            <numerusform>ouvert il y a %n semaine</numerusform>
            <numerusform>ouvert il y a %n semaines</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/ticket_header.py" line="289"/>
        <source>opened %n months ago</source>
        <translation>
            <numerusform>ouvert il y a %n mois</numerusform>
            <numerusform>ouvert il y a %n mois</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/ticket_header.py" line="290"/>
        <source>opened %n years ago</source>
        <translation>
            <numerusform>ouvert il y a %n an</numerusform>
            <numerusform>ouvert il y a %n ans</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TimeDriver</name>
    <message>
        <location filename="../../ui/time_driver.py" line="161"/>
        <source>Away time is learnt from %1.</source>
        <translation>Les absences sont connues par %1.</translation>
    </message>
    <message>
        <location filename="../../ui/time_driver.py" line="162"/>
        <source>This desktop does not say when you are away from the keyboard: the timer stops only when Monodesk is in the background, the screen is locked or you pause it.</source>
        <translation>Ce bureau n’indique pas quand vous quittez le clavier&#xa0;: le minuteur ne s’arrête que lorsque Monodesk est en arrière-plan, que l’écran est verrouillé ou que vous le mettez en pause.</translation>
    </message>
    <message>
        <location filename="../../ui/time_driver.py" line="178"/>
        <source>This ticket has no customer to reserve time for.</source>
        <translation>Ce ticket n’a pas de client pour qui réserver du temps.</translation>
    </message>
    <message>
        <location filename="../../ui/time_driver.py" line="198"/>
        <source>You have worked %1 without a break. A few minutes away from the screen help you stay kind to the next customer.</source>
        <translation>Vous travaillez depuis %1 sans pause. Quelques minutes loin de l’écran aident à rester aimable avec le client suivant.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/time_driver.py" line="233"/>
        <source>%n min logged, with no message to the customer.</source>
        <translation>
            <numerusform>%n min saisie, sans message au client.</numerusform>
            <numerusform>%n min saisies, sans message au client.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/time_driver.py" line="242"/>
        <source>Ticket #%1 is not in this workspace: the time away is still waiting for your word.</source>
        <translation>Le ticket n°%1 n’est pas dans cet espace de travail&#xa0;: le temps d’absence attend toujours votre réponse.</translation>
    </message>
</context>
<context>
    <name>TimerView</name>
    <message>
        <location filename="../../ui/timer_view.py" line="101"/>
        <source>Time on this ticket</source>
        <translation>Temps sur ce ticket</translation>
    </message>
    <message>
        <location filename="../../ui/timer_view.py" line="104"/>
        <location filename="../../ui/timer_view.py" line="206"/>
        <source>Pause</source>
        <translation>Pause</translation>
    </message>
    <message>
        <location filename="../../ui/timer_view.py" line="107"/>
        <source>Adjust…</source>
        <translation>Corriger…</translation>
    </message>
    <message>
        <location filename="../../ui/timer_view.py" line="108"/>
        <source>Add or remove time, with a reason</source>
        <translation>Ajouter ou retirer du temps, avec une raison</translation>
    </message>
    <message>
        <location filename="../../ui/timer_view.py" line="110"/>
        <source>Log time…</source>
        <translation>Saisir le temps…</translation>
    </message>
    <message>
        <location filename="../../ui/timer_view.py" line="111"/>
        <source>Log the time not logged yet, with no message to the customer</source>
        <translation>Saisir le temps pas encore saisi, sans message au client</translation>
    </message>
    <message>
        <location filename="../../ui/timer_view.py" line="191"/>
        <source>Reserve time for %1:</source>
        <translation>Réserver du temps pour %1&#xa0;:</translation>
    </message>
    <message>
        <location filename="../../ui/timer_view.py" line="206"/>
        <source>Resume</source>
        <translation>Reprendre</translation>
    </message>
    <message>
        <location filename="../../ui/timer_view.py" line="213"/>
        <source>Today %1</source>
        <translation>Aujourd’hui %1</translation>
    </message>
    <message>
        <location filename="../../ui/timer_view.py" line="217"/>
        <source>on this ticket</source>
        <translation>sur ce ticket</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/timer_view.py" line="219"/>
        <source>%n min to log</source>
        <translation>
            <numerusform>%n min à saisir</numerusform>
            <numerusform>%n min à saisir</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/timer_view.py" line="232"/>
        <source>Paused</source>
        <translation>En pause</translation>
    </message>
    <message>
        <location filename="../../ui/timer_view.py" line="234"/>
        <source>Stopped: away from the keyboard</source>
        <translation>Arrêté&#xa0;: loin du clavier</translation>
    </message>
    <message>
        <location filename="../../ui/timer_view.py" line="236"/>
        <source>Stopped: screen locked</source>
        <translation>Arrêté&#xa0;: écran verrouillé</translation>
    </message>
    <message>
        <location filename="../../ui/timer_view.py" line="238"/>
        <source>Stopped: asleep</source>
        <translation>Arrêté&#xa0;: en veille</translation>
    </message>
    <message>
        <location filename="../../ui/timer_view.py" line="240"/>
        <source>Stopped: Monodesk in the background</source>
        <translation>Arrêté&#xa0;: Monodesk en arrière-plan</translation>
    </message>
    <message>
        <location filename="../../ui/timer_view.py" line="248"/>
        <source>Counting by itself while this ticket is on screen and you work on it.</source>
        <translation>Compte tout seul tant que ce ticket est à l’écran et que vous y travaillez.</translation>
    </message>
    <message>
        <location filename="../../ui/timer_view.py" line="249"/>
        <source>Not counting now.</source>
        <translation>Ne compte pas en ce moment.</translation>
    </message>
    <message>
        <location filename="../../ui/timer_view.py" line="272"/>
        <source>Add or remove</source>
        <translation>Ajouter ou retirer</translation>
    </message>
    <message>
        <location filename="../../ui/timer_view.py" line="276"/>
        <location filename="../../ui/timer_view.py" line="361"/>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <location filename="../../ui/timer_view.py" line="277"/>
        <source>Minutes to add (negative: to remove)</source>
        <translation>Minutes à ajouter (négatif&#xa0;: à retirer)</translation>
    </message>
    <message>
        <location filename="../../ui/timer_view.py" line="281"/>
        <source>Why? (e.g. a phone call with the customer)</source>
        <translation>Pourquoi&#xa0;? (p. ex. un appel avec le client)</translation>
    </message>
    <message>
        <location filename="../../ui/timer_view.py" line="282"/>
        <source>Reason for the adjustment</source>
        <translation>Raison de la correction</translation>
    </message>
    <message>
        <location filename="../../ui/timer_view.py" line="284"/>
        <source>Apply</source>
        <translation>Appliquer</translation>
    </message>
    <message>
        <location filename="../../ui/timer_view.py" line="286"/>
        <location filename="../../ui/timer_view.py" line="327"/>
        <location filename="../../ui/timer_view.py" line="368"/>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <location filename="../../ui/timer_view.py" line="319"/>
        <source>What you did, for colleagues (optional)</source>
        <translation>Ce que vous avez fait, pour les collègues (facultatif)</translation>
    </message>
    <message>
        <location filename="../../ui/timer_view.py" line="320"/>
        <source>Note with the time logged</source>
        <translation>Note avec le temps saisi</translation>
    </message>
    <message>
        <location filename="../../ui/timer_view.py" line="330"/>
        <source>Staff only: the customer sees nothing.</source>
        <translation>Équipe seulement&#xa0;: le client ne voit rien.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/timer_view.py" line="338"/>
        <source>Log %n min</source>
        <translation>
            <numerusform>Saisir %n min</numerusform>
            <numerusform>Saisir %n min</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/timer_view.py" line="339"/>
        <source>Nothing to log</source>
        <translation>Rien à saisir</translation>
    </message>
    <message>
        <location filename="../../ui/timer_view.py" line="362"/>
        <source>Minutes to reserve</source>
        <translation>Minutes à réserver</translation>
    </message>
    <message>
        <location filename="../../ui/timer_view.py" line="364"/>
        <source>Next offers their tickets first until then.</source>
        <translation>«&#xa0;Ticket suivant&#xa0;» propose d’abord ses tickets jusque-là.</translation>
    </message>
    <message>
        <location filename="../../ui/timer_view.py" line="366"/>
        <source>Start</source>
        <translation>Commencer</translation>
    </message>
    <message>
        <location filename="../../ui/timer_view.py" line="389"/>
        <source>15 min more</source>
        <translation>15 min de plus</translation>
    </message>
    <message>
        <location filename="../../ui/timer_view.py" line="419"/>
        <source>Your %1 for %2 are over.</source>
        <translation>Vos %1 pour %2 sont écoulées.</translation>
    </message>
    <message>
        <location filename="../../ui/timer_view.py" line="421"/>
        <source>Done</source>
        <translation>Terminé</translation>
    </message>
    <message>
        <location filename="../../ui/timer_view.py" line="422"/>
        <source>End the block; Next goes back to its usual order</source>
        <translation>Terminer la réservation&#xa0;; «&#xa0;Ticket suivant&#xa0;» reprend son ordre habituel</translation>
    </message>
    <message>
        <location filename="../../ui/timer_view.py" line="424"/>
        <source>Reserved for %1: %2 left</source>
        <translation>Réservé pour %1&#xa0;: encore %2</translation>
    </message>
    <message>
        <location filename="../../ui/timer_view.py" line="426"/>
        <source>End now</source>
        <translation>Terminer</translation>
    </message>
    <message>
        <location filename="../../ui/timer_view.py" line="427"/>
        <source>End the block early</source>
        <translation>Terminer la réservation plus tôt</translation>
    </message>
    <message>
        <location filename="../../ui/timer_view.py" line="444"/>
        <source>&amp;Keep it</source>
        <translation>&amp;Garder</translation>
    </message>
    <message>
        <location filename="../../ui/timer_view.py" line="445"/>
        <source>It was work (a call, reading on paper): count it</source>
        <translation>C’était du travail (un appel, une lecture sur papier)&#xa0;: le compter</translation>
    </message>
    <message>
        <location filename="../../ui/timer_view.py" line="446"/>
        <source>&amp;Discard</source>
        <translation>&amp;Écarter</translation>
    </message>
    <message>
        <location filename="../../ui/timer_view.py" line="447"/>
        <source>It was not work; the timer goes on</source>
        <translation>Ce n’était pas du travail&#xa0;; le minuteur continue</translation>
    </message>
    <message>
        <location filename="../../ui/timer_view.py" line="448"/>
        <source>Discard and &amp;pause</source>
        <translation>Écarter et mettre en &amp;pause</translation>
    </message>
    <message>
        <location filename="../../ui/timer_view.py" line="450"/>
        <source>It was not work, and you are not on this ticket now</source>
        <translation>Ce n’était pas du travail, et vous n’êtes plus sur ce ticket</translation>
    </message>
    <message>
        <location filename="../../ui/timer_view.py" line="451"/>
        <source>&amp;Give to…</source>
        <translation>&amp;Donner à…</translation>
    </message>
    <message>
        <location filename="../../ui/timer_view.py" line="452"/>
        <source>It was work for another ticket</source>
        <translation>C’était du travail pour un autre ticket</translation>
    </message>
    <message>
        <location filename="../../ui/timer_view.py" line="455"/>
        <source>Ticket #</source>
        <translation>Ticket n°</translation>
    </message>
    <message>
        <location filename="../../ui/timer_view.py" line="456"/>
        <source>Ticket to give the time to</source>
        <translation>Ticket auquel donner le temps</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/timer_view.py" line="484"/>
        <source>You were away %n min (%1 – %2) while on #%3. Was it work?</source>
        <translation>
            <numerusform>Vous étiez absent %n min (%1 – %2) sur le n°%3. Était-ce du travail&#xa0;?</numerusform>
            <numerusform>Vous étiez absent %n min (%1 – %2) sur le n°%3. Était-ce du travail&#xa0;?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/timer_view.py" line="488"/>
        <source>(%n more after this one)</source>
        <translation>
            <numerusform>(%n autre après celle-ci)</numerusform>
            <numerusform>(%n autres après celle-ci)</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/timer_view.py" line="511"/>
        <source>Type a ticket number, such as 4182</source>
        <translation>Tapez un numéro de ticket, comme 4182</translation>
    </message>
</context>
<context>
    <name>_Lines</name>
    <message>
        <location filename="../../ui/day_view.py" line="241"/>
        <source>Nothing yet.</source>
        <translation>Rien pour l’instant.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/day_view.py" line="255"/>
        <source>and %n more</source>
        <translation>
            <numerusform>et %n autre</numerusform>
            <numerusform>et %n autres</numerusform>
        </translation>
    </message>
</context>
</TS>
