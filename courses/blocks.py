"""StreamField blocks for lesson bodies (and, through cms_pages, for standard pages)."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageBlock


class CalloutBlock(blocks.StructBlock):
    """A highlighted box: a tip, a warning or a legal basis worth remembering."""

    kind = blocks.ChoiceBlock(
        choices=[
            ("info", _("Information")),
            ("tip", _("Tip")),
            ("warning", _("Warning")),
            ("law", _("Legal basis")),
        ],
        default="info",
        label=_("kind"),
    )
    title = blocks.CharBlock(required=False, max_length=120, label=_("title"))
    text = blocks.RichTextBlock(features=["bold", "italic", "link", "ul", "ol"], label=_("text"))

    class Meta:
        icon = "help"
        label = _("Callout")
        template = "blocks/callout_block.html"
        preview_value = {
            "kind": "law",
            "title": "UU 14/2008",
            "text": "<p>Setiap orang berhak memperoleh informasi publik.</p>",
        }


class KeyTermBlock(blocks.StructBlock):
    term = blocks.CharBlock(max_length=100, label=_("term"))
    definition = blocks.TextBlock(label=_("definition"))

    class Meta:
        icon = "pick"
        label = _("Key term")


class KeyTermsBlock(blocks.StructBlock):
    title = blocks.CharBlock(required=False, default="Istilah penting", max_length=100, label=_("title"))
    terms = blocks.ListBlock(KeyTermBlock(), min_num=1, label=_("terms"))

    class Meta:
        icon = "list-ul"
        label = _("Key terms")
        template = "blocks/key_terms_block.html"


class VideoBlock(blocks.StructBlock):
    video = EmbedBlock(label=_("video address"), help_text=_("A YouTube or Vimeo address."))
    caption = blocks.CharBlock(required=False, max_length=200, label=_("caption"))

    class Meta:
        icon = "media"
        label = _("Video")
        template = "blocks/video_block.html"


class DocumentLinkBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("document"))
    title = blocks.CharBlock(
        required=False, max_length=200, label=_("link text"), help_text=_("Defaults to the document's title.")
    )

    class Meta:
        icon = "doc-full"
        label = _("Document link")
        template = "blocks/document_link_block.html"


class LessonBodyBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(
        features=["h2", "h3", "bold", "italic", "link", "ol", "ul", "blockquote"],
        label=_("Text"),
        icon="pilcrow",
    )
    image = ImageBlock(label=_("Image"), template="blocks/image_block.html")
    video = VideoBlock()
    document = DocumentLinkBlock()
    callout = CalloutBlock()
    key_terms = KeyTermsBlock()
