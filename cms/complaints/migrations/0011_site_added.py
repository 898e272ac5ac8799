"""Complaints and their categories belong to a kecamatan (a Wagtail site; docs/regency.md).

Three steps, each in its own transaction (PostgreSQL refuses to alter a table with rows updated
in the same transaction): the columns, empty (here); every existing row given the default site
(0012); the columns required and a category's slug unique per site instead of overall (0013).
"""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("complaints", "0010_reporter_name_hash"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.AddField(
            model_name="complaintcategory",
            name="site",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="complaint_categories",
                to="wagtailcore.site",
                verbose_name="kecamatan (site)",
            ),
        ),
        migrations.AddField(
            model_name="complaint",
            name="site",
            field=models.ForeignKey(
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="complaints",
                to="wagtailcore.site",
            ),
        ),
        migrations.AlterField(
            model_name="complaintcategory",
            name="slug",
            field=models.SlugField(max_length=80, verbose_name="slug"),
        ),
    ]
