"""An oEmbed finder for tests: Wagtail's real finders fetch over the network, and tests have none."""

from wagtail.embeds.finders.base import EmbedFinder


class VideoPlatformFinder(EmbedFinder):
    """Answers for video.example addresses the way YouTube's oEmbed endpoint would."""

    def accept(self, url):
        return url.startswith("https://video.example/")

    def find_embed(self, url, max_width=None, max_height=None):
        video_id = url.rsplit("/", 1)[-1]
        return {
            "title": f"Video {video_id}",
            "type": "video",
            "html": f'<iframe title="Video {video_id}" src="https://video.example/embed/{video_id}"></iframe>',
            "width": 640,
            "height": 360,
        }
