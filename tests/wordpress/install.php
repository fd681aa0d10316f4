<?php
// Installs the test WordPress (wp_install, no wp-cli), activates the plugin
// and Twenty Twenty-One, and creates the test content: a post with the
// shortcode, a page with the block, a post without the widget, a post with
// hostile shortcode values. Prints their URLs as JSON.
[ , $root, $url ] = $argv;
$_SERVER['HTTP_HOST'] = parse_url( $url, PHP_URL_HOST ) . ':' . parse_url( $url, PHP_URL_PORT );
define( 'WP_INSTALLING', true );
// No mail in the test: the installer's notice to the admin is dropped.
function wp_new_blog_notification() {}
require $root . '/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/upgrade.php';
require_once ABSPATH . 'wp-admin/includes/plugin.php';
wp_install( 'Screener test', 'admin', 'admin@example.org', true, '', 'admin-password' );
switch_theme( 'twentytwentyone' );
$r = activate_plugin( 'program-fit-screener/program-fit-screener.php' );
if ( is_wp_error( $r ) ) { fwrite( STDERR, $r->get_error_message() ); exit( 1 ); }
// The editor's welcome guide stays closed for the admin.
update_user_meta( 1, 'wp_persisted_preferences', array( 'core/edit-post' => array( 'welcomeGuide' => false ) ) );
wp_set_current_user( 1 );
kses_remove_filters();
$make = function ( $title, $content, $type = 'post' ) {
	return wp_insert_post( array( 'post_title' => $title, 'post_content' => $content, 'post_status' => 'publish', 'post_type' => $type ) );
};
$ids = array(
	'shortcode' => $make( 'Shortcode', "<p>Are you looking for the right program?</p>\n[program_fit_screener phone=\"833-846-5669\" center_name=\"Test Center\" submit_url=\"/leads\" loading=\"eager\" accent=\"#5a1478\" tracking_phone=\"833-846-5669\" datalayer]" ),
	'block'     => $make( 'Block', '<!-- wp:paragraph --><p>Find the program that fits.</p><!-- /wp:paragraph --><!-- wp:program-fit-screener/screener {"phone":"833-846-5669","loading":"eager"} /-->', 'page' ),
	'plain'     => $make( 'Plain', '<p>No widget here.</p>' ),
	'defaults'  => $make( 'Defaults', '[program_fit_screener loading="eager"]' ),
	'hostile'   => $make( 'Hostile', "[program_fit_screener center_name='\" onmouseover=\"window.pwned=2' submit_url='javascript:window.pwned=3' lang='xx\" autofocus onfocus=\"window.pwned=4' accent='red;background:url(x)' datalayer='a-b']\n\n[program_fit_screener phone='\"><script>window.pwned=1</script>']" ),
);
$out = array( 'admin' => array( 'user' => 'admin', 'password' => 'admin-password' ) );
foreach ( $ids as $name => $id ) {
	$out[ $name ] = array( 'id' => $id, 'url' => get_permalink( $id ) );
}
echo wp_json_encode( $out );
