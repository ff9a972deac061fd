from django.contrib.auth.models import AbstractUser


class User(AbstractUser):
    """A person with an account: a member, or a facilitator who also uses the admin."""

    def __str__(self):
        return self.get_full_name() or self.email or self.username
