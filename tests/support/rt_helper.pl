#!/usr/bin/perl
# Long-lived helper that performs real RT operations through RT's Perl API for the test suite.
#
# Protocol: one JSON object per line on STDIN, {"cmd": "...", "args": {...}}; one JSON line per
# request on STDOUT, {"ok": true, "result": ...} or {"ok": false, "error": "..."}.
# Loading RT costs about 1.5 s, so tests keep one helper per instance instead of one perl per call.
# RT_SITE_CONFIG / RT_SITE_CONFIG_DIR in the environment select the private instance.
use strict;
use warnings;

use lib '/usr/share/request-tracker5/lib', '/usr/local/share/request-tracker5/lib';
use JSON ();
use MIME::Entity;
use RT;

RT::LoadConfig();
RT::Init();

# Only this process writes the protocol to the real STDOUT; anything else printed goes to STDERR.
open( my $out, '>&', \*STDOUT ) or die "dup STDOUT: $!";
open( STDOUT, '>&', \*STDERR ) or die "redirect STDOUT: $!";
$out->autoflush(1);

my $json = JSON->new->utf8->canonical;

my %commands = (
    ping           => sub { return 'pong' },
    create_tokens  => \&create_tokens,
    create_ticket  => \&create_ticket,
    customer_reply => \&customer_reply,
    agent_reply    => \&agent_reply,
    agent_comment  => \&agent_comment,
    set_status     => \&set_status,
    set_owner      => \&set_owner,
    ticket         => \&ticket_info,
    transactions   => \&transactions,
    agent_rights   => \&agent_rights,
);

while ( my $line = <STDIN> ) {
    next unless $line =~ /\S/;
    my $response = eval {
        my $req = $json->decode($line);
        my $handler = $commands{ $req->{cmd} } or die "unknown command $req->{cmd}\n";
        # Another process (the web server) changes the same database: never trust cached rows.
        RT::Principal->InvalidateACLCache();
        DBIx::SearchBuilder::Record::Cachable->FlushCache;
        { ok => JSON::true, result => $handler->( $req->{args} || {} ) };
    };
    unless ($response) {
        my $err = $@ || 'unknown error';
        $RT::Handle->ForceRollback if $RT::Handle && $RT::Handle->TransactionDepth;
        chomp $err;
        $response = { ok => JSON::false, error => $err };
    }
    print {$out} $json->encode($response), "\n";
}

# --- helpers --------------------------------------------------------------------------------

sub load_user {
    my ($name_or_email) = @_;
    my $user = RT::User->new( RT->SystemUser );
    $user->Load($name_or_email);
    $user->LoadByEmail($name_or_email) unless $user->Id;
    die "no such RT user: $name_or_email\n" unless $user->Id;
    return $user;
}

# Customers arrive as unprivileged users autocreated from their email address, as with the mail gateway.
sub customer_user {
    my ($email) = @_;
    my $user = RT::User->new( RT->SystemUser );
    my ( $ok, $msg ) = $user->LoadOrCreateByEmail( EmailAddress => $email );
    die "cannot load or create customer $email: $msg\n" unless $user->Id;
    return $user;
}

sub as_user { return RT::CurrentUser->new( $_[0] ) }

sub load_ticket {
    my ( $id, $current_user ) = @_;
    my $ticket = RT::Ticket->new( $current_user || RT->SystemUser );
    $ticket->Load($id);
    die "no such ticket: $id\n" unless $ticket->Id;
    return $ticket;
}

sub mime {
    my (%args) = @_;
    my $type = $args{content_type} || 'text/plain';
    return MIME::Entity->build(
        Type     => $type,
        Charset  => 'UTF-8',
        Encoding => 'quoted-printable',
        Data     => [ Encode::encode( 'UTF-8', $args{content} // '' ) ],
        ( $args{subject} ? ( Subject => Encode::encode( 'MIME-Header', $args{subject} ) ) : () ),
        ( $args{from}    ? ( From    => $args{from} ) : () ),
    );
}

sub check {
    my ( $what, $ok, $msg ) = @_;
    die "$what failed: " . ( $msg // 'unknown error' ) . "\n" unless $ok;
    return $ok;
}

sub rt_date {
    my ($value) = @_;
    return undef if !defined $value || $value eq '' || $value =~ /^1970-01-01/;
    return $value;
}

# --- commands -------------------------------------------------------------------------------

# Tokens must be made by the system user: RT refuses a user creating one through its own CurrentUser.
sub create_tokens {
    my ($args) = @_;
    my %tokens;
    for my $name ( @{ $args->{users} } ) {
        my $user  = load_user($name);
        my $token = RT::AuthToken->new( RT->SystemUser );
        my ( $id, $msg, $authstring ) = $token->Create( Owner => $user->Id, Description => 'monodesk tests' );
        check( "token for $name", $id, $msg );
        $tokens{$name} = $authstring;
    }
    return \%tokens;
}

sub create_ticket {
    my ($args) = @_;
    my $customer = customer_user( $args->{requestor} );
    my $creator  = $args->{as_customer} ? as_user($customer) : as_user( load_user('root') );
    my $ticket   = RT::Ticket->new($creator);
    my %fields   = (
        Queue     => $args->{queue},
        Subject   => $args->{subject},
        Requestor => [ $customer->EmailAddress ],
        MIMEObj   => mime( %$args, from => $customer->EmailAddress ),
    );
    $fields{Priority} = $args->{priority} if defined $args->{priority};
    $fields{Due}      = $args->{due}      if defined $args->{due};
    $fields{Status}   = $args->{status}   if defined $args->{status};
    my ( $id, undef, $msg ) = $ticket->Create(%fields);
    check( 'ticket create', $id, $msg );
    return $id + 0;
}

sub customer_reply {
    my ($args)   = @_;
    my $customer = customer_user( $args->{requestor} );
    my $ticket   = load_ticket( $args->{id}, as_user($customer) );
    my ( $txn, $msg ) = $ticket->Correspond(
        MIMEObj => mime( %$args, from => $customer->EmailAddress ) );
    check( 'customer reply', $txn, $msg );
    return $txn + 0;
}

sub agent_note {
    my ( $method, $args ) = @_;
    my $ticket = load_ticket( $args->{id}, as_user( load_user( $args->{user} ) ) );
    my ( $txn, $msg ) = $ticket->$method(
        MIMEObj   => mime(%$args),
        TimeTaken => $args->{time_taken} || 0,
    );
    check( "agent $method", $txn, $msg );
    return $txn + 0;
}

sub agent_reply   { return agent_note( 'Correspond', @_ ) }
sub agent_comment { return agent_note( 'Comment',    @_ ) }

sub set_status {
    my ($args) = @_;
    my $ticket = load_ticket( $args->{id}, as_user( load_user('root') ) );
    return JSON::true if $ticket->Status eq $args->{status};
    check( 'set status', $ticket->SetStatus( $args->{status} ) );
    return JSON::true;
}

sub set_owner {
    my ($args) = @_;
    my $ticket = load_ticket( $args->{id}, as_user( load_user('root') ) );
    check( 'set owner', $ticket->SetOwner( $args->{user}, 'Force' ) );
    return JSON::true;
}

sub ticket_info {
    my ($args) = @_;
    my $t = load_ticket( $args->{id} );
    return {
        id            => $t->Id + 0,
        subject       => $t->Subject,
        status        => $t->Status,
        queue         => $t->QueueObj->Name,
        owner         => $t->OwnerObj->Name,
        requestors    => [ $t->Requestors->MemberEmailAddresses ],
        priority      => $t->Priority + 0,
        due           => rt_date( $t->Due ),
        created       => $t->Created,
        last_updated  => $t->LastUpdated,
        resolved      => rt_date( $t->Resolved ),
        time_worked   => $t->TimeWorked + 0,
    };
}

# Grant or revoke rights of every agent (the Privileged group) on the whole system, as an RT
# administrator does when an agent's role changes.
sub agent_rights {
    my ($args) = @_;
    my $group = RT::Group->new( RT->SystemUser );
    $group->LoadSystemInternalGroup('Privileged');
    my $principal = $group->PrincipalObj;
    for my $right ( @{ $args->{rights} } ) {
        my ( $ok, $msg ) = $args->{grant}
            ? $principal->GrantRight( Right => $right, Object => $RT::System )
            : $principal->RevokeRight( Right => $right, Object => $RT::System );
        die "agent_rights $right: $msg\n" unless $ok || $msg =~ /already|not (?:been )?granted|No right/i;
    }
    RT::Principal->InvalidateACLCache();
    return JSON::true;
}

sub transactions {
    my ($args) = @_;
    my $t    = load_ticket( $args->{id} );
    my $txns = $t->Transactions;
    $txns->OrderByCols( { FIELD => 'id', ORDER => 'ASC' } );
    my @rows;
    while ( my $txn = $txns->Next ) {
        my $has_content = $txn->Type =~ /^(?:Create|Correspond|Comment)$/;
        push @rows, {
            id         => $txn->Id + 0,
            type       => $txn->Type,
            creator    => $txn->CreatorObj->Name,
            created    => $txn->Created,
            time_taken => ( $txn->TimeTaken || 0 ) + 0,
            field      => $txn->Field,
            old        => $txn->OldValue,
            new        => $txn->NewValue,
            content    => $has_content ? $txn->Content( Type => 'text/plain' ) : undef,
        };
    }
    return \@rows;
}
