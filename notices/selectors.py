from notices.models import Notice


def unread_notices(*, user):
    return Notice.objects.filter(user=user, seen_at__isnull=True).order_by("-created_at", "-pk")


def recent_notices(*, user, limit=20):
    return Notice.objects.filter(user=user).order_by("-created_at", "-pk")[:limit]
