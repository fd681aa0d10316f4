<?php
// Turns the test WordPress (installed by install.php, with WP_ALLOW_MULTISITE
// in its wp-config.php) into a subdirectory multisite network, as Network
// Setup does: `php multisite.php ROOT URL network`. Then, once wp-config.php
// says MULTISITE: `php multisite.php ROOT URL sites` network-activates the
// plugin, adds a second site at /second/ with its own phone default, and a
// post with the shortcode on each site; prints their URLs as JSON.
[ , $root, $url, $phase ] = $argv;
$host = parse_url( $url, PHP_URL_HOST ) . ':' . parse_url( $url, PHP_URL_PORT );
$_SERVER['HTTP_HOST'] = $host;
$_SERVER['REQUEST_URI'] = '/';
if ( 'network' === $phase ) {
	define( 'WP_INSTALLING_NETWORK', true );
}
require $root . '/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/plugin.php';
if ( 'network' === $phase ) {
	require_once ABSPATH . 'wp-admin/includes/upgrade.php';
	require_once ABSPATH . 'wp-admin/includes/network.php';
	// As wp-admin/network.php does: the network's tables get their names.
	global $wpdb;
	foreach ( $wpdb->tables( 'ms_global' ) as $table => $prefixed ) {
		$wpdb->$table = $prefixed;
	}
	install_network();
	$r = populate_network( 1, $host, 'admin@example.org', 'Screener network', '/', false );
	if ( is_wp_error( $r ) ) { fwrite( STDERR, $r->get_error_message() ); exit( 1 ); }
	echo "{}";
	exit( 0 );
}
wp_set_current_user( 1 );
$r = activate_plugin( 'program-fit-screener/program-fit-screener.php', '', true );
if ( is_wp_error( $r ) ) { fwrite( STDERR, $r->get_error_message() ); exit( 1 ); }
$second = wpmu_create_blog( $host, '/second/', 'Second site', 1 );
if ( is_wp_error( $second ) ) { fwrite( STDERR, $second->get_error_message() ); exit( 1 ); }
// WordPress drops the port from a new site's domain (a network on a port
// is not supported in its UI); the test's server has one, so it is put back.
global $wpdb;
$wpdb->update( $wpdb->blogs, array( 'domain' => $host ), array( 'blog_id' => $second ) );
clean_blog_cache( $second );
switch_to_blog( $second );
update_option( 'home', $url . '/second' );
update_option( 'siteurl', $url . '/second' );
restore_current_blog();
$make_post = function () {
	return wp_insert_post( array( 'post_title' => 'Screener', 'post_content' => '[program_fit_screener loading="eager"]', 'post_status' => 'publish' ) );
};
$main = $make_post();
update_option( 'program_fit_screener', array( 'phone' => '833-846-5669' ) );
$out = array( 'main' => array( 'url' => get_permalink( $main ) ) );
switch_to_blog( $second );
switch_theme( 'twentytwentyone' );
// Each site has its own defaults.
update_option( 'program_fit_screener', array( 'phone' => '(555) 201-0188' ) );
$id = $make_post();
$out['second'] = array( 'id' => $second, 'url' => get_permalink( $id ) );
restore_current_blog();
echo wp_json_encode( $out );
