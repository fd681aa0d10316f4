// The block's editor side, plain ES2015 on the wp.* globals (no build step):
// a sidebar with every field of includes/fields.php (handed over as
// window.pfsBlock) and a live preview, the server's own render of the
// block, where the real widget runs. The saved markup is only the comment
// with the settings: the block is dynamic.
(function (wp, config) {
  var el = wp.element.createElement;
  var __ = wp.i18n.__;
  var be = wp.blockEditor;
  var c = wp.components;
  var PANELS = [
    ['contact', __('Contact', 'program-fit-screener')],
    ['look', __('Language and look', 'program-fit-screener')],
    ['marketing', __('Questionnaire and marketing', 'program-fit-screener')],
  ];

  function control(field, props) {
    var common = {
      key: field.key,
      label: field.label,
      help: field.help,
      value: props.attributes[field.key] || '',
      onChange: function (value) {
        var change = {};
        change[field.key] = value;
        props.setAttributes(change);
      },
    };
    if (field.choices) {
      common.options = [{ value: '', label: __('(default)', 'program-fit-screener') }].concat(
        Object.keys(field.choices).map(function (k) { return { value: k, label: field.choices[k] }; })
      );
      return el(c.SelectControl, common);
    }
    return el(c.TextControl, common);
  }

  wp.blocks.registerBlockType('program-fit-screener/screener', {
    edit: function (props) {
      var panels = PANELS.map(function (panel, i) {
        return el(c.PanelBody, { key: panel[0], title: panel[1], initialOpen: i === 0 },
          config.fields.filter(function (f) { return f.panel === panel[0]; }).map(function (f) { return control(f, props); }));
      });
      return el('div', be.useBlockProps(),
        el(be.InspectorControls, null, panels),
        el(wp.serverSideRender, { block: 'program-fit-screener/screener', attributes: props.attributes }));
    },
    save: function () { return null; },
  });
})(window.wp, window.pfsBlock || { fields: [] });
