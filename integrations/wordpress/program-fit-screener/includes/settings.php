<?php
/**
 * Settings → Program-fit screener: the site-wide defaults (one option per
 * site, so each site of a network has its own), through the Settings API.
 * Only `manage_options` sees or saves it; settings_fields() adds the nonce;
 * every value goes through the field's check, and one that fails is
 * refused with a notice.
 */

defined( 'ABSPATH' ) || exit;

add_action( 'admin_menu', 'pfs_settings_menu' );
add_action( 'admin_init', 'pfs_settings_init' );

function pfs_settings_menu() {
	add_options_page( __( 'Program-fit screener', 'program-fit-screener' ), __( 'Program-fit screener', 'program-fit-screener' ), 'manage_options', 'program-fit-screener', 'pfs_settings_page' );
}

function pfs_settings_init() {
	register_setting( 'program_fit_screener', PFS_OPTION, array( 'type' => 'array', 'sanitize_callback' => 'pfs_settings_sanitize', 'default' => array() ) );
	add_settings_section( 'pfs_defaults', __( 'Defaults for every screener on this site', 'program-fit-screener' ), 'pfs_settings_intro', 'program-fit-screener' );
	foreach ( pfs_fields() as $key => $field ) {
		if ( empty( $field['default'] ) ) {
			continue;
		}
		add_settings_field( 'pfs_' . $key, $field['label'], 'pfs_settings_field', 'program-fit-screener', 'pfs_defaults', array( 'key' => $key, 'field' => $field, 'label_for' => 'pfs_' . $key ) );
	}
}

function pfs_settings_intro() {
	echo '<p>' . esc_html__( 'A shortcode or block setting overrides these. Changes apply to every page at once.', 'program-fit-screener' ) . '</p>';
}

function pfs_settings_field( $args ) {
	$key      = $args['key'];
	$field    = $args['field'];
	$defaults = pfs_defaults();
	$value    = isset( $defaults[ $key ] ) ? (string) $defaults[ $key ] : '';
	$name     = PFS_OPTION . '[' . $key . ']';
	if ( isset( $field['choices'] ) ) {
		echo '<select id="pfs_' . esc_attr( $key ) . '" name="' . esc_attr( $name ) . '"><option value="">' . esc_html__( '(the widget decides)', 'program-fit-screener' ) . '</option>';
		foreach ( $field['choices'] as $choice => $label ) {
			echo '<option value="' . esc_attr( $choice ) . '"' . selected( $value, $choice, false ) . '>' . esc_html( $label ) . '</option>';
		}
		echo '</select>';
	} else {
		echo '<input class="regular-text" type="text" id="pfs_' . esc_attr( $key ) . '" name="' . esc_attr( $name ) . '" value="' . esc_attr( $value ) . '">';
	}
	if ( ! empty( $field['help'] ) ) {
		echo '<p class="description">' . esc_html( $field['help'] ) . '</p>';
	}
}

/** Keeps each value that passes its field's check; reports the others and keeps their saved value. */
function pfs_settings_sanitize( $input ) {
	$out    = array();
	$saved  = pfs_defaults();
	$fields = pfs_fields();
	foreach ( is_array( $input ) ? $input : array() as $key => $raw ) {
		if ( empty( $fields[ $key ]['default'] ) || '' === trim( (string) $raw ) ) {
			continue;
		}
		$value = pfs_check( $fields[ $key ]['check'], $raw, $fields[ $key ] );
		if ( null === $value ) {
			/* translators: %s: the field's label */
			add_settings_error( PFS_OPTION, 'pfs_' . $key, sprintf( __( '%s was not saved: the widget would not accept it.', 'program-fit-screener' ), $fields[ $key ]['label'] ) );
			if ( isset( $saved[ $key ] ) ) {
				$out[ $key ] = $saved[ $key ];
			}
			continue;
		}
		$out[ $key ] = $value;
	}
	return $out;
}

function pfs_settings_page() {
	if ( ! current_user_can( 'manage_options' ) ) {
		return;
	}
	echo '<div class="wrap"><h1>' . esc_html( get_admin_page_title() ) . '</h1><form action="options.php" method="post">';
	settings_fields( 'program_fit_screener' );
	do_settings_sections( 'program-fit-screener' );
	submit_button();
	echo '</form></div>';
}
