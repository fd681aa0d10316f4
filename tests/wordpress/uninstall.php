<?php
// Uninstalls the plugin from a test WordPress (after the browser tests,
// which saved its option; in the multisite network, every site has one) as
// WordPress does when an admin deletes it (uninstall_plugin runs the
// plugin's uninstall.php), and checks that the option is gone from every
// site. Exits non-zero otherwise.
[ , $root, $url ] = $argv;
$_SERVER['HTTP_HOST'] = parse_url( $url, PHP_URL_HOST ) . ':' . parse_url( $url, PHP_URL_PORT );
$_SERVER['REQUEST_URI'] = '/';
require $root . '/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/plugin.php';
$plugin = 'program-fit-screener/program-fit-screener.php';
$sites  = is_multisite() ? get_sites( array( 'fields' => 'ids', 'number' => 0 ) ) : array( get_current_blog_id() );
$saved  = function () use ( $sites ) {
	$with = array();
	foreach ( $sites as $id ) {
		is_multisite() && switch_to_blog( $id );
		wp_cache_flush();
		if ( false !== get_option( 'program_fit_screener' ) ) {
			$with[] = $id;
		}
		is_multisite() && restore_current_blog();
	}
	return $with;
};
if ( count( $saved() ) !== count( $sites ) ) {
	fwrite( STDERR, "uninstall: not every site has the option to remove\n" );
	exit( 1 );
}
deactivate_plugins( $plugin, false, is_multisite() );
uninstall_plugin( $plugin );
$left = $saved();
if ( $left ) {
	fwrite( STDERR, 'uninstall: the option is still there on site ' . implode( ', ', $left ) . "\n" );
	exit( 1 );
}
echo 'uninstall: the option is removed from ' . count( $sites ) . " site(s)\n";
