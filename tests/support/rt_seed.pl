#!/usr/bin/perl
# Bulk-seed a private RT 5 instance through RT's Perl API (so rows look exactly like RT made them).
#
#   RT_SITE_CONFIG=... RT_SITE_CONFIG_DIR=... perl rt_seed.pl --tickets 2000 --messages 5 --seed 1
#
# Each ticket: a customer Create, then alternating agent replies / internal notes (with TimeTaken)
# and customer replies, then a final status. Created dates are spread over the past months.
# Prints one JSON summary line on STDOUT.
#
# Speed: scrips are switched off in THIS process only (no notification mail, no EmailRecord rows;
# the database keeps its scrips for the web server), work is committed in batches inside one
# transaction each, and SQLite runs with synchronous=OFF while seeding. SQLite has a single writer,
# so a second seeding process would only wait for the lock: one process is the fast path.
use strict;
use warnings;

use lib '/usr/share/request-tracker5/lib', '/usr/local/share/request-tracker5/lib';
use Getopt::Long;
use JSON ();
use MIME::Entity;
use Time::HiRes ();
use POSIX ();
use RT;

# --active: every ticket ends new, open or stalled (an agent's whole backlog, as an initial sync sees it).
my %opt = ( tickets => 100, messages => 5, seed => 1, customers => 0, months => 6, batch => 100, active => 0 );
GetOptions( \%opt, 'tickets=i', 'messages=i', 'seed=i', 'customers=i', 'months=i', 'batch=i', 'active' )
    or die "bad options\n";
$opt{customers} ||= POSIX::ceil( $opt{tickets} / 5 ) || 1;
$opt{messages} = 1 if $opt{messages} < 1;

RT::LoadConfig();
RT::Init();
open( my $out, '>&', \*STDOUT ) or die "dup STDOUT: $!";
open( STDOUT, '>&', \*STDERR ) or die "redirect STDOUT: $!";

# Seeding only: never run scrips (they would send mail and add EmailRecord transactions).
{
    no warnings qw(redefine once);
    my $create = \&RT::Transaction::Create;
    *RT::Transaction::Create = sub { my $self = shift; return $create->( $self, @_, ActivateScrips => 0 ) };
    # Batch-stage scrips run when a ticket object is destroyed; skip their lookups too.
    *RT::Ticket::ApplyTransactionBatch = sub { return };
}

my $dbh = $RT::Handle->dbh;
# SearchBuilder re-parses every generated SQL string to turn literals into bind values: pure CPU
# overhead for SQLite (a few percent of the seeding time).
$DBIx::SearchBuilder::PREFER_BIND = 0;
$dbh->do('PRAGMA synchronous = OFF');
$dbh->do('PRAGMA cache_size = -262144');    # 256 MB: the whole database stays in memory
srand( $opt{seed} );
my $t0 = Time::HiRes::time();

# --- word lists for realistic-ish text -----------------------------------------------------

my @first = qw(Anna Ben Carla David Emma Felix Greta Hugo Ines Jonas Klara Lukas Mia Noah Olivia Paul
    Quinn Rosa Samuel Tina Uwe Vera Wim Xenia Yusuf Zoe);
my @last = qw(Meyer Schmidt Novak Rossi Garcia Smith Dubois Jensen Kowalski Silva Tanaka Okafor Berg
    Lindqvist Moreau Costa Fischer Horvat Ivanova Murphy);
my @domains = qw(example.com example.org example.net customer.test acme.test globex.test);
my %product = ( 'Product Alpha' => 'Alpha', 'Product Beta' => 'Beta', 'Internal' => 'our tooling' );
my @problems = (
    'cannot log in', 'export to CSV fails', 'sync stops after a few minutes', 'invoice shows the wrong VAT',
    'password reset mail never arrives', 'dashboard is very slow', 'app crashes on startup',
    'missing data after the update', 'license key rejected', 'attachments do not upload',
    'wrong timezone in reports', 'notifications arrive twice', 'API returns 500', 'search finds nothing',
);
my @openers = ( 'Hello,', 'Hi team,', 'Good morning,', 'Dear support,', 'Hi there,' );
my @details = (
    'It started yesterday after the update.', 'Restarting did not help.',
    'Two of my colleagues see the same problem.', 'We are on the latest version.',
    'This blocks our month-end closing.', 'I attached nothing, but can send screenshots if needed.',
    'It happens in Firefox and Chrome.', 'The error message says "unexpected token".',
);
my @agent_lines = (
    'Thanks for the report, I am looking into it.', 'Could you tell me which version you are using?',
    'I could reproduce the issue and forwarded it to engineering.', 'Please try clearing the cache and log in again.',
    'A fix is scheduled for the next release.', 'Could you send the exact time when it happened?',
    'I have reset the configuration on our side, please try again.',
);
my @customer_lines = (
    'Thanks, that helped!', 'Unfortunately it still does not work.', 'We are on version 4.2.1.',
    'It happened around 10:15 this morning.', 'Any news on this?', 'I tried that, same result.',
);
my @notes = (
    'Customer is on the enterprise plan.', 'Checked the logs, nothing obvious.', 'Escalated to second level.',
    'Looks like the known sync bug.', 'Waiting for engineering feedback.',
);

sub pick { return $_[ int rand @_ ] }

sub body {
    my (@lines) = @_;
    return join "\n\n", @lines;
}

sub entity {
    my ( $text, $from, $subject ) = @_;
    my %head = ( From => $from, ( $subject ? ( Subject => $subject ) : () ) );
    # Mail clients often send multipart/alternative: seed some so clients meet real MIME trees.
    if ( rand() < 0.15 ) {
        my $top = MIME::Entity->build( Type => 'multipart/alternative', %head );
        $top->attach( Type => 'text/plain', Charset => 'UTF-8', Data => [ Encode::encode( 'UTF-8', $text ) ] );
        my $html = join '', map {"<p>$_</p>"} split /\n\n/, $text;
        $top->attach( Type => 'text/html', Charset => 'UTF-8', Data => [ Encode::encode( 'UTF-8', $html ) ] );
        return $top;
    }
    return MIME::Entity->build( Type => 'text/plain', Charset => 'UTF-8', %head,
        Data => [ Encode::encode( 'UTF-8', $text ) ] );
}

sub check {
    my ( $what, $ok, $msg ) = @_;
    die "$what failed: " . ( $msg // 'unknown error' ) . "\n" unless $ok;
    return $ok;
}

# --- people -------------------------------------------------------------------------------

sub ensure_user {
    my (%args) = @_;
    my $user = RT::User->new( RT->SystemUser );
    $user->Load( $args{Name} );
    return $user if $user->Id;
    my ( $ok, $msg ) = $user->Create(%args);
    check( "user $args{Name}", $ok, $msg );
    return $user;
}

my @agents = map { ensure_user( Name => $_->[0], EmailAddress => $_->[1], RealName => $_->[2], Privileged => 1 ) } (
    [ 'agent',    'agent@example.com',    'Alice Agent' ],
    [ 'agent2',   'agent2@example.com',   'Bob Agent' ],
    [ 'support3', 'support3@example.com', 'Chris Support' ],
    [ 'support4', 'support4@example.com', 'Dana Support' ],
);

# Customer numbering continues after earlier seeding runs so several runs can share a database.
my ($existing) = $dbh->selectrow_array(q{SELECT COUNT(*) FROM Users WHERE Name LIKE 'customer%@%'});
$RT::Handle->BeginTransaction;
my @customers;
for my $n ( 1 .. $opt{customers} ) {
    my $i    = $existing + $n;
    my $name = pick(@first) . ' ' . pick(@last);
    my $mail = sprintf( 'customer%04d@%s', $i, $domains[ $i % @domains ] );
    push @customers, ensure_user( Name => $mail, EmailAddress => $mail, RealName => $name, Privileged => 0 );
}
$RT::Handle->Commit;

my %current_user_cache;
sub as { return $current_user_cache{ $_[0]->Id } ||= RT::CurrentUser->new( $_[0] ) }

# --- tickets ------------------------------------------------------------------------------

my $now       = time;
my $span      = $opt{months} * 30 * 86400;
my @queues    = ( ('Product Alpha') x 9, ('Product Beta') x 8, ('Internal') x 3 );
my @statuses  = ( ('new') x 2, ('open') x 4, ('stalled') x 1, ( $opt{active} ? () : ('resolved') x 5 ) );
my $first_txn;
my ( $n_tickets, $n_txns ) = ( 0, 0 );

sub iso { return POSIX::strftime( '%Y-%m-%d %H:%M:%S', gmtime $_[0] ) }

sub seed_ticket {
    my $queue    = pick(@queues);
    my $internal = $queue eq 'Internal';
    # Skewed choice: low-numbered customers write more tickets (top one about 2%, median 3-4).
    my $customer = $internal ? pick(@agents) : $customers[ int( @customers * rand() ** 1.5 ) ];
    my $owner    = rand() < 0.7 ? pick(@agents) : undef;
    my $problem  = pick(@problems);
    my $subject  = ucfirst("$product{$queue}: $problem");
    $subject .= sprintf( ' (#%d)', 1 + int rand 999 ) if rand() < 0.3;

    my @times = ( $now - $span + int rand( $span - 2 * 86400 ) );
    push @times, $times[-1] + 600 + int rand( 2 * 86400 ) for 2 .. $opt{messages};
    @times = map { $_ > $now - 60 ? $now - 60 : $_ } @times;

    my $text = body( pick(@openers), "Since this week $problem.", pick(@details), "Thanks,\n" . $customer->RealName );
    my $ticket = RT::Ticket->new( as($customer) );
    my ( $id, $create_txn, $msg ) = $ticket->Create(
        Queue     => $queue,
        Subject   => $subject,
        Requestor => [ $customer->EmailAddress ],
        Priority  => pick( 0, 0, 0, 10, 20, 50 ),
        ( rand() < 0.25 ? ( Due => iso( $times[0] + ( 1 + int rand 14 ) * 86400 ) ) : () ),
        MIMEObj => entity( $text, $customer->EmailAddress, $subject ),
    );
    check( 'ticket create', $id, $msg );
    $first_txn //= $create_txn;
    my %anchor = ( $create_txn => $times[0] );
    my ( $started, $told, $last_by ) = ( undef, undef, $customer->Id );

    for my $i ( 2 .. $opt{messages} ) {
        my $at = $times[ $i - 1 ];
        my ( $txn, $tmsg );
        if ( $i % 2 == 0 ) {
            my $agent = $owner || pick( @agents[ 0, 1 ] );
            my $t     = RT::Ticket->new( as($agent) );
            $t->Load($id);
            # The owner takes the ticket when first acting on it, as an agent would in the UI.
            check( 'take', $t->SetOwner( $agent->Id ) ) if $owner && !$started;
            my $minutes = 2 + int rand 29;
            if ( rand() < 0.25 ) {
                ( $txn, $tmsg ) = $t->Comment( MIMEObj => entity( pick(@notes), $agent->EmailAddress ), TimeTaken => $minutes );
            }
            else {
                my $reply = body( 'Hello ' . ( split ' ', $customer->RealName )[0] . ',', pick(@agent_lines),
                    "Best regards,\n" . $agent->RealName );
                ( $txn, $tmsg ) = $t->Correspond( MIMEObj => entity( $reply, $agent->EmailAddress ), TimeTaken => $minutes );
                $told = $at;
            }
            $started //= $at;
            $last_by = $agent->Id;
        }
        else {
            my $t = RT::Ticket->new( as($customer) );
            $t->Load($id);
            ( $txn, $tmsg ) = $t->Correspond( MIMEObj => entity( body( pick(@customer_lines), $customer->RealName ),
                $customer->EmailAddress ) );
            $last_by = $customer->Id;
        }
        check( 'message', $txn, $tmsg );
        $anchor{$txn} = $at;
    }

    my $status = $opt{messages} > 1 ? pick(@statuses) : 'new';
    if ( $status ne 'new' ) {
        my $t = RT::Ticket->new( RT->SystemUser );
        $t->Load($id);
        check( 'status', $t->SetStatus($status) );
    }
    fix_dates( $id, \%anchor, $times[-1], $started, $told, $status eq 'resolved' ? $times[-1] : undef, $last_by );
    $n_tickets++;
}

# RT stamps rows with "now": move them to the planned past times.
sub fix_dates {
    my ( $id, $anchor, $last, $started, $told, $resolved, $last_by ) = @_;
    my $txns = $dbh->selectcol_arrayref(
        q{SELECT id FROM Transactions WHERE ObjectType = 'RT::Ticket' AND ObjectId = ? ORDER BY id}, undef, $id );
    my $at  = $anchor->{ $txns->[0] };
    my $set = $dbh->prepare_cached(q{UPDATE Transactions SET Created = ? WHERE id = ?});
    for my $txn (@$txns) {
        $at = $anchor->{$txn} if exists $anchor->{$txn};
        $set->execute( iso($at), $txn );
        $n_txns++;
    }
    $dbh->prepare_cached(q{
        UPDATE Tickets SET Created = ?, LastUpdated = ?, LastUpdatedBy = ?, Started = ?, Told = ?, Resolved = ?
        WHERE id = ?})->execute(
        iso( $anchor->{ $txns->[0] } ), iso($last), $last_by,
        iso( $started // 0 ), iso( $told // 0 ), iso( $resolved // 0 ), $id );
}

my $done = 0;
while ( $done < $opt{tickets} ) {
    $RT::Handle->BeginTransaction;
    for ( 1 .. $opt{batch} ) {
        last if $done >= $opt{tickets};
        seed_ticket();
        $done++;
    }
    $RT::Handle->Commit;
    DBIx::SearchBuilder::Record::Cachable->FlushCache;
}

# Attachments carry their own Created: align them with their transactions in one statement.
$dbh->do( q{UPDATE Attachments SET Created =
    (SELECT t.Created FROM Transactions t WHERE t.id = Attachments.TransactionId) WHERE TransactionId >= ?},
    undef, $first_txn ) if $first_txn;
$dbh->do('PRAGMA synchronous = FULL');

my $elapsed = Time::HiRes::time() - $t0;
print {$out} JSON->new->canonical->encode( {
    tickets      => $n_tickets,
    transactions => $n_txns,
    customers    => [ map { $_->EmailAddress } @customers ],
    agents       => [ map { $_->Name } @agents ],
    seconds      => sprintf( '%.2f', $elapsed ) + 0,
} ), "\n";
