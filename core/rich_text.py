"""The rich-text toolbars that editors get, named once for every app's page types."""

# Short texts inside a page (an introduction, an agenda): no headings.
SIMPLE_TEXT = ["bold", "italic", "link", "ul", "ol"]
# A page's body: headings below the page's own title, quotes.
RICH_TEXT = ["h2", "h3", "bold", "italic", "link", "ul", "ol", "blockquote"]
