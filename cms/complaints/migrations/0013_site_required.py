"""A complaint and a category always name their site; a slug is unique within its site."""

import django.db.models.deletion
from django.db import migrations, models

import cms.complaints.models.reference


class Migration(migrations.Migration):
    dependencies = [("complaints", "0012_site_filled")]

    operations = [
        migrations.AlterField(
            model_name="complaintcategory",
            name="site",
            field=models.ForeignKey(
                default=cms.complaints.models.reference.default_site_id,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="complaint_categories",
                to="wagtailcore.site",
                verbose_name="kecamatan (site)",
            ),
        ),
        migrations.AlterField(
            model_name="complaint",
            name="site",
            field=models.ForeignKey(
                editable=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="complaints",
                to="wagtailcore.site",
            ),
        ),
        migrations.AddConstraint(
            model_name="complaintcategory",
            constraint=models.UniqueConstraint(
                fields=("site", "slug"),
                name="complaint_category_slug_per_site",
                violation_error_message="This kecamatan already has a category with this slug.",
            ),
        ),
    ]
