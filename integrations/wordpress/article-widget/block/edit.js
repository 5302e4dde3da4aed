// The "Article widget" block in the editor: which post (this one, or another published post) and
// which parts (the article, the Truth and Accuracy box, the tags, the author card) in the block's
// sidebar, and a preview that is the widget itself — the post's article and the widget's options
// from the plugin's REST route, mounted with the same loader readers get (inert: nothing is sent
// from the editor). The block is rendered on the server (includes/Block.php): it saves nothing
// but its attributes. Plain script on WordPress's own globals: no build step.
(function (wp) {
  "use strict";
  var el = wp.element.createElement;
  var __ = wp.i18n.__;
  var useEffect = wp.element.useEffect;
  var useRef = wp.element.useRef;
  var useState = wp.element.useState;
  var settings = window.articleWidgetBlock || {};
  var PARTS = [
    ["article", __("The article (headline and body)", "article-widget")],
    ["trust", __("Truth and Accuracy box", "article-widget")],
    ["tags", __("Topic tags", "article-widget")],
    ["author", __("Author card", "article-widget")],
  ];

  // The loader, once per editor (a module: it defines window.ArticleWidget).
  var loading = null;
  function loader() {
    if (!loading) loading = settings.loader ? import(settings.loader) : Promise.reject(new Error("no loader"));
    return loading;
  }

  // data-* option names ("correction-endpoint") as mount()'s ("correctionEndpoint").
  function camel(options) {
    var out = {};
    Object.keys(options || {}).forEach(function (name) {
      out[name.replace(/-([a-z])/g, function (_, c) { return c.toUpperCase(); })] = options[name];
    });
    return out;
  }

  function Preview(props) {
    var ref = useRef(null);
    var stateAndSet = useState("loading");
    var state = stateAndSet[0];
    var setState = stateAndSet[1];
    var parts = props.parts.join(" ");
    useEffect(function () {
      var box = ref.current;
      if (!box || !props.postId) return undefined;
      var gone = false;
      var handle = null;
      // A fresh element each time: a widget's shadow root cannot be taken off its host.
      var host = document.createElement("div");
      box.appendChild(host);
      setState("loading");
      wp.apiFetch({ path: "/article-widget/v1/preview/" + props.postId + "?parts=" + encodeURIComponent(parts) })
        .then(function (data) {
          return loader().then(function () { return data; });
        })
        .then(function (data) {
          if (gone) return;
          var config = camel(data.options);
          config.article = data.article;
          handle = window.ArticleWidget.mount(host, config);
          setState("ready");
        })
        .catch(function (error) {
          if (!gone) setState((error && error.message) || __("The preview could not load.", "article-widget"));
        });
      return function () {
        gone = true;
        if (handle) handle.destroy();
        host.remove();
      };
    }, [props.postId, parts]);
    if (!props.postId) {
      return el(wp.components.Notice, { status: "info", isDismissible: false }, __("Choose a post in the block's settings.", "article-widget"));
    }
    return el(
      "div",
      { className: "article-widget-block-preview" },
      state === "loading" ? el(wp.components.Spinner) : null,
      state !== "loading" && state !== "ready" ? el(wp.components.Notice, { status: "warning", isDismissible: false }, state) : null,
      // inert: a preview, not a form a reader fills in.
      el("div", { ref: function (node) { ref.current = node; if (node) node.setAttribute("inert", ""); } })
    );
  }

  function Edit(props) {
    var attributes = props.attributes;
    var setAttributes = props.setAttributes;
    // (The widgets and site editors have no current post: there the block shows a chosen one.)
    var current = wp.data.useSelect(function (select) {
      var editor = select("core/editor");
      return editor ? editor.getCurrentPostId() : 0;
    }, []);
    var posts = wp.data.useSelect(function (select) {
      return select("core").getEntityRecords("postType", "post", { per_page: 50, status: "publish", _fields: "id,title" });
    }, []);
    var parts = attributes.parts && attributes.parts.length ? attributes.parts : ["trust", "tags", "author"];
    var choices = [{ value: "0", label: __("This post", "article-widget") }].concat(
      (posts || []).filter(function (p) { return p.id !== current; }).map(function (p) {
        return { value: String(p.id), label: (p.title && p.title.rendered) || "#" + p.id };
      })
    );
    var togglePart = function (name, on) {
      var next = PARTS.map(function (p) { return p[0]; }).filter(function (p) {
        return p === name ? on : parts.indexOf(p) !== -1;
      });
      if (next.length) setAttributes({ parts: next });
    };
    return el(
      "div",
      wp.blockEditor.useBlockProps(),
      el(
        wp.blockEditor.InspectorControls,
        null,
        el(
          wp.components.PanelBody,
          { title: __("Article widget", "article-widget") },
          el(wp.components.SelectControl, {
            label: __("Post", "article-widget"),
            value: String(attributes.post || 0),
            options: choices,
            onChange: function (value) { setAttributes({ post: parseInt(value, 10) || 0 }); },
            help: __("Only a published post shows to readers.", "article-widget"),
          }),
          PARTS.map(function (p) {
            return el(wp.components.CheckboxControl, {
              key: p[0],
              label: p[1],
              checked: parts.indexOf(p[0]) !== -1,
              onChange: function (on) { togglePart(p[0], on); },
            });
          })
        )
      ),
      el(Preview, { postId: attributes.post || current, parts: parts })
    );
  }

  wp.blocks.registerBlockType("article-widget/widget", {
    edit: Edit,
    save: function () { return null; },
  });
})(window.wp);
