<?php
/**
 * Every setting of the element, declared once: its shortcode and block key,
 * the element attribute it becomes, its label, its choices and its check.
 * The shortcode, the block's attributes and sidebar, and the settings page
 * are all derived from this list. A value that fails its check counts as
 * not given (so the site-wide default applies).
 */

defined( 'ABSPATH' ) || exit;

/** The fields; `default` marks those the settings page offers. */
function pfs_fields() {
	return array(
		'phone'          => array( 'attr' => 'phone', 'label' => __( 'Phone', 'program-fit-screener' ), 'check' => 'phone', 'default' => true, 'panel' => 'contact', 'help' => __( 'US/Canada (833-846-5669) or international (+44 20 7946 0958).', 'program-fit-screener' ) ),
		'tracking_phone' => array( 'attr' => null, 'label' => __( 'Call-tracking phone', 'program-fit-screener' ), 'check' => 'phone', 'panel' => 'contact', 'help' => __( 'Printed as a link inside the element, where call-tracking scripts (CallRail) swap it.', 'program-fit-screener' ) ),
		'submit_url'     => array( 'attr' => 'submit-url', 'label' => __( 'Submit URL', 'program-fit-screener' ), 'check' => 'url', 'default' => true, 'panel' => 'contact', 'help' => __( 'Your lead receiver, or your pfs-inbox address ending in /leads.', 'program-fit-screener' ) ),
		'email'          => array( 'attr' => 'email', 'label' => __( 'E-mail', 'program-fit-screener' ), 'check' => 'email', 'default' => true, 'panel' => 'contact' ),
		'center_name'    => array( 'attr' => 'center-name', 'label' => __( 'Center name', 'program-fit-screener' ), 'check' => 'text', 'default' => true, 'panel' => 'contact' ),
		'submit_timeout' => array( 'attr' => 'submit-timeout', 'label' => __( 'Submit timeout (s)', 'program-fit-screener' ), 'check' => 'timeout', 'panel' => 'contact' ),
		'lang'           => array( 'attr' => 'lang', 'label' => __( 'Language', 'program-fit-screener' ), 'check' => 'choice', 'choices' => array( 'en' => 'English', 'es' => 'Español' ), 'default' => true, 'panel' => 'look' ),
		'theme'          => array( 'attr' => 'theme', 'label' => __( 'Theme', 'program-fit-screener' ), 'check' => 'choice', 'choices' => array( 'light' => 'Light', 'dark' => 'Dark', 'auto' => 'Auto' ), 'default' => true, 'panel' => 'look' ),
		'accent'         => array( 'attr' => null, 'label' => __( 'Accent colour', 'program-fit-screener' ), 'check' => 'color', 'default' => true, 'panel' => 'look', 'help' => '#0b5d57' ),
		'loading'        => array( 'attr' => 'loading', 'label' => __( 'Loading', 'program-fit-screener' ), 'check' => 'choice', 'choices' => array( 'eager' => 'Eager' ), 'panel' => 'look' ),
		'config_url'     => array( 'attr' => 'config-url', 'label' => __( 'Questionnaire URL', 'program-fit-screener' ), 'check' => 'url', 'panel' => 'marketing' ),
		'attribution'    => array( 'attr' => 'attribution', 'label' => __( 'Attribution', 'program-fit-screener' ), 'check' => 'attribution', 'panel' => 'marketing', 'help' => __( 'Empty, off, or a query string of your own values (utm_source=site&utm_medium=web).', 'program-fit-screener' ) ),
		'datalayer'      => array( 'attr' => 'datalayer', 'label' => __( 'dataLayer', 'program-fit-screener' ), 'check' => 'datalayer', 'panel' => 'marketing', 'help' => __( 'Empty for none, true for window.dataLayer, or the name of your array.', 'program-fit-screener' ) ),
	);
}

/**
 * The value as the element should get it, or null when it fails its check.
 * `true` for a boolean attribute (datalayer given as true) means "present, empty".
 */
function pfs_check( $check, $value, $field = array() ) {
	$value = trim( (string) $value );
	if ( '' === $value ) {
		return null;
	}
	switch ( $check ) {
		case 'phone': // The widget's own rule (js/program-fit-screener.js).
			return preg_match( '/^\+?[0-9 ().-]{7,20}$/', $value ) ? $value : null;
		case 'url': // https:, a same-site path, or http: for local testing.
			if ( preg_match( '#^/(?!/)#', $value ) ) {
				return $value;
			}
			$scheme = wp_parse_url( $value, PHP_URL_SCHEME );
			return in_array( $scheme, array( 'https', 'http' ), true ) && wp_parse_url( $value, PHP_URL_HOST ) ? $value : null;
		case 'email':
			return is_email( $value ) ? $value : null;
		case 'timeout':
			return ctype_digit( $value ) && (int) $value >= 1 && (int) $value <= 300 ? (string) (int) $value : null;
		case 'choice':
			return isset( $field['choices'][ $value ] ) ? $value : null;
		case 'color':
			return sanitize_hex_color( $value ) ? strtolower( $value ) : null;
		case 'attribution':
			return 'off' === $value || preg_match( '/^[A-Za-z0-9_.~%+-]+=[A-Za-z0-9_.~%+-]*(&[A-Za-z0-9_.~%+-]+=[A-Za-z0-9_.~%+-]*)*$/', $value ) ? $value : null;
		case 'datalayer':
			if ( in_array( strtolower( $value ), array( 'true', 'yes', 'on', '1' ), true ) ) {
				return true;
			}
			return preg_match( '/^[A-Za-z_$][A-Za-z0-9_$]*$/', $value ) && ! in_array( strtolower( $value ), array( 'false', 'no', 'off' ), true ) ? $value : null;
		default: // Free text: kept as typed, escaped when printed.
			return $value;
	}
}

/** The block's attributes: every field as a string, empty by default. */
function pfs_block_attributes() {
	$attributes = array();
	foreach ( pfs_fields() as $key => $field ) {
		$attributes[ $key ] = array( 'type' => 'string', 'default' => '' );
	}
	return $attributes;
}

/** The fields as the editor's sidebar needs them. */
function pfs_editor_fields() {
	$out = array();
	foreach ( pfs_fields() as $key => $field ) {
		$out[] = array(
			'key'     => $key,
			'label'   => $field['label'],
			'panel'   => $field['panel'],
			'help'    => isset( $field['help'] ) ? $field['help'] : '',
			'choices' => isset( $field['choices'] ) ? $field['choices'] : null,
		);
	}
	return $out;
}
