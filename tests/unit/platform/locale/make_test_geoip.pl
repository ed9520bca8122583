#!/usr/bin/perl
# Writes the tiny MaxMind DB the GeoIP tests read (Debian: libmaxmind-db-writer-perl).
# Usage: make_test_geoip.pl OUTPUT.mmdb
use strict;
use warnings;
use MaxMind::DB::Writer::Tree;

my $out = shift or die "usage: $0 OUTPUT.mmdb\n";
my %types = (
    country            => 'map',
    registered_country => 'map',
    continent          => 'map',
    iso_code           => 'utf8_string',
    code               => 'utf8_string',
);
my $tree = MaxMind::DB::Writer::Tree->new(
    ip_version               => 6,
    record_size              => 24,
    database_type            => 'Basalt-Test-Country',
    languages                => ['en'],
    description              => { en => 'Basalt unit-test GeoIP data' },
    remove_reserved_networks => 0,
    alias_ipv6_to_ipv4       => 1,
    map_key_type_callback    => sub { $types{ $_[0] } },
);
$tree->insert_network('8.8.8.0/24', { country => { iso_code => 'US' }, continent => { code => 'NA' } });
$tree->insert_network('81.2.69.0/24', { country => { iso_code => 'GB' }, continent => { code => 'EU' } });
$tree->insert_network('2.16.0.0/24', { country => { iso_code => 'DE' }, continent => { code => 'EU' } });
# Registered country only, no continent: the reader must fall back to both.
$tree->insert_network('5.5.5.0/24', { registered_country => { iso_code => 'BR' } });
# A continent but no country: not a location.
$tree->insert_network('6.6.6.0/24', { continent => { code => 'AS' } });
# A private range with data: the reader must refuse it before asking the database.
$tree->insert_network('10.0.0.0/8', { country => { iso_code => 'FR' }, continent => { code => 'EU' } });
$tree->insert_network('2a00:1450::/32', { country => { iso_code => 'JP' }, continent => { code => 'AS' } });

open my $fh, '>:raw', $out or die "cannot write $out: $!\n";
$tree->write_tree($fh);
close $fh or die "cannot write $out: $!\n";
