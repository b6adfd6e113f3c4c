"""API tokens (接口令牌): `Authorization: Token <key>`. Only a SHA-256 digest of the key is stored
(the key is 160 random bits, so a plain digest is enough); a token expires API_TOKEN_DAYS after
it is issued, and a user's tokens are revoked when their password changes (User.save) or a new
one is issued."""

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from rest_framework import exceptions
from rest_framework.authentication import TokenAuthentication

from fanzha.accounts.models import ApiToken


def digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


@transaction.atomic
def issue_token(user) -> str:
    """A new token for the user, their earlier ones revoked; the key is shown only this once."""
    key = secrets.token_hex(20)
    ApiToken.objects.filter(user=user).delete()
    ApiToken.objects.create(
        user=user,
        digest=digest(key),
        expires_at=timezone.now() + timedelta(days=settings.API_TOKEN_DAYS),
    )
    return key


class ApiTokenAuthentication(TokenAuthentication):
    def authenticate_credentials(self, key):
        token = ApiToken.objects.select_related("user").filter(digest=digest(key)).first()
        if token is None or token.expires_at <= timezone.now() or not token.user.is_active:
            raise exceptions.AuthenticationFailed("令牌无效或已过期，请用 fanzha token 用户名 重新生成。")
        return token.user, token
