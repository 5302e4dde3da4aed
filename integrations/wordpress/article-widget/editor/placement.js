// The post editor's "Article widget" panel (document settings sidebar): where the widget shows on
// this post — the site's setting, after the content, instead of it, or off. It edits the post meta
// _article_widget_placement (registered for the REST API by the plugin); saving the post saves it.
// Plain script on WordPress's own globals: no build step.
(function (wp) {
  "use strict";
  var el = wp.element.createElement;
  var __ = wp.i18n.__;
  var KEY = "_article_widget_placement";

  function Panel() {
    var postType = wp.data.useSelect(function (select) {
      return select("core/editor").getCurrentPostType();
    }, []);
    var entity = wp.coreData.useEntityProp("postType", postType, "meta");
    var meta = entity[0] || {};
    var setMeta = entity[1];
    if (postType !== "post") return null;
    return el(
      wp.editPost.PluginDocumentSettingPanel,
      { name: "article-widget-placement", title: __("Article widget", "article-widget"), className: "article-widget-placement" },
      el(wp.components.SelectControl, {
        label: __("On this post", "article-widget"),
        value: meta[KEY] || "",
        options: [
          { value: "", label: __("As in the settings", "article-widget") },
          { value: "after", label: __("After the content", "article-widget") },
          { value: "replace", label: __("Instead of the content", "article-widget") },
          { value: "off", label: __("Off", "article-widget") },
        ],
        onChange: function (value) {
          var next = Object.assign({}, meta);
          next[KEY] = value;
          setMeta(next);
        },
        help: __("Where the Truth and Accuracy box, tags and author card show on this post.", "article-widget"),
      })
    );
  }

  wp.plugins.registerPlugin("article-widget-placement", { render: Panel });
})(window.wp);
