"""A ranking notice names the issued 通报 it comes from (see 0008, which removed the ones that did not)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("assessment", "0008_notice_from_issued_document")]

    operations = [
        migrations.AddConstraint(
            model_name="notice",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("kind", "ranking"), _negated=True),
                    models.Q(("document", ""), _negated=True),
                    _connector="OR",
                ),
                name="notice_ranking_from_issued_document",
            ),
        ),
    ]
