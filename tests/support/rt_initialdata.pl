# Initial data for the private RT 5 test instance (loaded with rt-setup-database-5 --action insert).
# Changing this file changes the template cache key, so cached databases are rebuilt automatically.
use strict;
use warnings;

our @Queues = (
    { Name => 'Product Alpha', Description => 'Support for Product Alpha',
      CorrespondAddress => 'alpha@support.example.com', CommentAddress => 'alpha-comment@support.example.com' },
    { Name => 'Product Beta', Description => 'Support for Product Beta',
      CorrespondAddress => 'beta@support.example.com', CommentAddress => 'beta-comment@support.example.com' },
    { Name => 'Internal', Description => 'Internal work, not customer facing' },
    # Where Monodesk keeps customer tasks: one ticket per task, the customer as requestor.
    { Name => 'Customer tasks', Description => 'Tasks per customer, kept by Monodesk' },
);

our @Users = (
    { Name => 'agent', EmailAddress => 'agent@example.com', RealName => 'Alice Agent',
      Password => 'agent-password', Privileged => 1 },
    { Name => 'agent2', EmailAddress => 'agent2@example.com', RealName => 'Bob Agent',
      Password => 'agent2-password', Privileged => 1 },
);

# Everything a support agent's client needs, granted globally to all privileged users.
my @agent_rights = qw(
    SeeQueue ShowTicket CreateTicket ReplyToTicket CommentOnTicket ModifyTicket OwnTicket
    TakeTicket StealTicket ShowTicketComments ShowOutgoingEmail Watch WatchAsAdminCc
    ShowArticle SeeClass SeeCustomField ShowArticlesMenu
);

our @ACL = (
    { GroupDomain => 'SystemInternal', GroupType => 'Privileged', Right => \@agent_rights },
    # Customers (unprivileged, usually autocreated from an email address) can open tickets
    # and reply, as they would through the mail gateway.
    { GroupDomain => 'SystemInternal', GroupType => 'Everyone', Right => [qw(CreateTicket ReplyToTicket)] },
    # A requestor may see their own tickets (needed to act on a ticket as that customer).
    { GroupDomain => 'RT::System-Role', GroupType => 'Requestor', Right => [qw(ShowTicket ReplyToTicket)] },
    # A task deleted in Monodesk is a deleted ticket; agents may delete only there.
    { GroupDomain => 'SystemInternal', GroupType => 'Privileged', Queue => 'Customer tasks',
      Right => [qw(DeleteTicket)] },
);

our @Classes = (
    { Name => 'Snippets', Description => 'Canned replies for agents' },
);

# The built-in "Content" custom field applies to all article classes.
our @Articles = (
    { Class => 'Snippets', Name => 'Greeting', Summary => 'Friendly opening line',
      'CustomField-Content' => "Hello,\n\nThank you for contacting us." },
    { Class => 'Snippets', Name => 'Password reset', Summary => 'How to reset a password',
      'CustomField-Content' => "You can reset your password from the login page via \"Forgot password\"." },
    { Class => 'Snippets', Name => 'Closing', Summary => 'Sign-off',
      'CustomField-Content' => "If there is anything else, just reply to this message.\n\nKind regards" },
);

1;
