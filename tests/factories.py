"""Factories for every page type, categories, images and documents.

Pages are put in the tree the way the admin does it: `parent.add_child(instance=...)`, then a
revision is saved and published, so `page_published` fires (and cached fragments refresh).
`publish=False` leaves a draft; `publish=False, live=True` makes a live page without a revision,
three times faster, for tests that need many rows in a listing.

Without an explicit `parent`, a content page goes under the existing index of its kind in
the default locale (built, with a home page, when there is none).
"""

import datetime
from io import BytesIO

import factory
from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, Site

from pages.models import (
    AnnouncementIndexPage,
    AnnouncementPage,
    Category,
    EventIndexPage,
    EventPage,
    GuideIndexPage,
    GuidePage,
    HomePage,
    InfographicIndexPage,
    InfographicPage,
    ServiceIndexPage,
    ServicePage,
    StandardPage,
)


def png_bytes(width: int = 32, height: int = 18, colour: str = "#0b5d3b") -> bytes:
    """Return a real PNG of the given size, made by Pillow."""
    buffer = BytesIO()
    PILImage.new("RGB", (width, height), colour).save(buffer, "PNG")
    return buffer.getvalue()


def paragraph(html: str) -> dict:
    """Return one `paragraph` block of a BodyBlock stream, in its raw JSON form."""
    return {"type": "paragraph", "value": html}


def step(title: str, text: str = "") -> dict:
    """Return one `step` block of a guide, in its raw JSON form."""
    return {"type": "step", "value": {"title": title, "text": text, "image": None}}


# Images, documents, categories


class ImageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_image_model()

    class Params:
        # Small on purpose: each listing card makes six renditions (AVIF, WebP, JPEG x 2 sizes).
        width = 32
        height = 18

    title = factory.Sequence(lambda n: f"Gambar {n}")
    file = factory.LazyAttribute(
        lambda o: ContentFile(
            png_bytes(o.width, o.height), name=f"{o.title.lower().replace(' ', '-')}.png"
        )
    )


class DocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_document_model()

    title = factory.Sequence(lambda n: f"Dokumen {n}")
    file = factory.LazyAttribute(
        lambda o: ContentFile(b"%PDF-1.4\n% layanan kecamatan\n", name="dokumen.pdf")
    )


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Kategori {n}")
    name_en = factory.Sequence(lambda n: f"Category {n}")
    slug = factory.Sequence(lambda n: f"kategori-{n}")


# Pages


class PageFactory(factory.django.DjangoModelFactory):
    """Abstract: add the page under `parent` and publish it unless `publish=False`."""

    class Meta:
        abstract = True
        skip_postgeneration_save = True

    parent = None
    publish = True
    title = factory.Sequence(lambda n: f"Halaman {n}")
    summary = factory.LazyAttribute(lambda o: f"Ringkasan {o.title}.")

    @classmethod
    def _create(cls, model_class, *args, parent=None, publish=True, **kwargs):
        if parent is None:
            parent = cls._default_parent()
        kwargs.setdefault("live", publish)
        page = model_class(*args, **kwargs)
        parent.add_child(instance=page)
        if publish:
            page.save_revision().publish()
            page.refresh_from_db()
        return page

    @classmethod
    def _default_parent(cls):
        raise NotImplementedError(f"{cls.__name__} needs a parent.")


def default_home() -> HomePage:
    """Return the default site's home page, making a HomePage the site root if need be."""
    site = Site.objects.get(is_default_site=True)
    root = site.root_page.specific
    if isinstance(root, HomePage):
        return root
    return HomePageFactory(site_root=True)


def default_index(model, index_factory):
    """Return the index of `model` under the default home page, creating it if need be."""
    home = default_home()
    return model.objects.child_of(home).first() or index_factory(parent=home)


class HomePageFactory(PageFactory):
    """A home page under the tree root; `site_root=True` makes it the default site's root.

    Taking over the site also deletes Wagtail's default welcome page, as a fresh install would.
    """

    class Meta:
        model = HomePage

    title = "Beranda"
    slug = factory.Sequence(lambda n: f"beranda-{n}")
    hero_title = "Layanan Kecamatan Sukamaju"
    hero_text = "Urus surat, baca pengumuman dan sampaikan pengaduan dari ponsel."

    @classmethod
    def _default_parent(cls):
        return Page.get_first_root_node()

    @factory.post_generation
    def site_root(self, create, extracted, **kwargs):
        if not (create and extracted):
            return
        site = Site.objects.get(is_default_site=True)
        previous = site.root_page
        site.root_page = self
        site.save()  # Site's post_save clears Wagtail's cached root paths.
        if previous.pk != self.pk and previous.depth == 2 and not previous.get_children().exists():
            previous.delete()


class AnnouncementIndexPageFactory(PageFactory):
    class Meta:
        model = AnnouncementIndexPage

    title = "Pengumuman"
    slug = "pengumuman"
    intro = "Kabar resmi dari kantor kecamatan."

    @classmethod
    def _default_parent(cls):
        return default_home()


class InfographicIndexPageFactory(AnnouncementIndexPageFactory):
    class Meta:
        model = InfographicIndexPage

    title = "Infografis"
    slug = "infografis"
    intro = "Data kecamatan dalam gambar, lengkap dengan teksnya."


class GuideIndexPageFactory(AnnouncementIndexPageFactory):
    class Meta:
        model = GuideIndexPage

    title = "Panduan"
    slug = "panduan"
    intro = "Langkah demi langkah mengurus dokumen."


class ServiceIndexPageFactory(AnnouncementIndexPageFactory):
    class Meta:
        model = ServiceIndexPage

    title = "Layanan"
    slug = "layanan"
    intro = "Standar pelayanan PATEN."


class EventIndexPageFactory(AnnouncementIndexPageFactory):
    class Meta:
        model = EventIndexPage

    title = "Kegiatan"
    slug = "kegiatan"
    intro = "Sosialisasi dan pelatihan untuk warga."


class AnnouncementPageFactory(PageFactory):
    class Meta:
        model = AnnouncementPage

    title = factory.Sequence(lambda n: f"Pengumuman {n}")
    urgency = AnnouncementPage.Urgency.NORMAL
    pinned = False
    valid_until = None
    body = factory.LazyFunction(lambda: [paragraph("<p>Isi pengumuman.</p>")])

    @classmethod
    def _default_parent(cls):
        return default_index(AnnouncementIndexPage, AnnouncementIndexPageFactory)


class InfographicPageFactory(PageFactory):
    class Meta:
        model = InfographicPage

    title = factory.Sequence(lambda n: f"Infografis {n}")
    image = factory.SubFactory(ImageFactory, width=96, height=160)
    text_equivalent = "<p>Jumlah penduduk 12.345 jiwa.</p>"
    data_source = "BPS Kabupaten"
    data_date = datetime.date(2025, 1, 31)

    @classmethod
    def _default_parent(cls):
        return default_index(InfographicIndexPage, InfographicIndexPageFactory)


class GuidePageFactory(PageFactory):
    class Meta:
        model = GuidePage

    title = factory.Sequence(lambda n: f"Panduan {n}")
    requirements = factory.LazyFunction(lambda: [{"type": "item", "value": "KTP asli"}])
    steps = factory.LazyFunction(
        lambda: [step("Datang ke loket"), step("Serahkan berkas"), step("Terima dokumen")]
    )
    estimated_time = "30 menit"
    estimated_cost = "Gratis"

    @classmethod
    def _default_parent(cls):
        return default_index(GuideIndexPage, GuideIndexPageFactory)


class ServicePageFactory(PageFactory):
    class Meta:
        model = ServicePage

    title = factory.Sequence(lambda n: f"Layanan {n}")
    group = ServicePage.Group.NON_LICENSING
    requirements = "<ul><li>Surat pengantar RT/RW</li><li>Fotokopi KTP</li></ul>"
    procedure = "<ol><li>Ambil nomor antrean</li><li>Serahkan berkas di loket</li></ol>"
    duration = "1 hari kerja"
    cost = "Gratis"
    product = "Surat keterangan"
    complaint_handling = "<p>Sampaikan pengaduan melalui loket atau formulir daring.</p>"
    desk = "Loket 2 PATEN"
    contact = "0812 0000 0000"

    @classmethod
    def _default_parent(cls):
        return default_index(ServiceIndexPage, ServiceIndexPageFactory)


class EventPageFactory(PageFactory):
    class Meta:
        model = EventPage

    title = factory.Sequence(lambda n: f"Kegiatan {n}")
    start = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=7))
    end = factory.LazyAttribute(lambda o: o.start + datetime.timedelta(hours=2))
    place = "Aula kantor kecamatan"
    audience = "Kader posyandu"
    what_to_bring = "Buku catatan"

    @classmethod
    def _default_parent(cls):
        return default_index(EventIndexPage, EventIndexPageFactory)


class StandardPageFactory(PageFactory):
    class Meta:
        model = StandardPage

    title = factory.Sequence(lambda n: f"Tentang {n}")
    body = factory.LazyFunction(lambda: [paragraph("<p>Isi halaman.</p>")])

    @classmethod
    def _default_parent(cls):
        return default_home()


def translate(page, language: str = "en", **fields):
    """Return the published translation of `page` into `language`, with `fields` changed.

    Missing translated ancestors are created (and published) too.
    """
    locale = Locale.objects.get(language_code=language)
    translation = page.specific.copy_for_translation(locale, copy_parents=True)
    for ancestor in translation.get_ancestors().filter(depth__gt=1, live=False):
        ancestor.specific.save_revision().publish()
    for name, value in fields.items():
        setattr(translation, name, value)
    translation.save_revision().publish()
    translation.refresh_from_db()
    return translation.specific


# --- complaints-admin: complaints and what staff manage around them ---


class ComplaintCategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "complaints.ComplaintCategory"

    name = factory.Sequence(lambda n: f"Kategori {n}")
    name_en = factory.Sequence(lambda n: f"Category {n}")
    slug = factory.Sequence(lambda n: f"kategori-{n}")


class ReplyTemplateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "complaints.ReplyTemplate"

    title = factory.Sequence(lambda n: f"Templat {n}")
    text = "Terima kasih atas laporan Anda. Petugas kami sudah meninjau lokasi."


class ComplaintFactory(factory.django.DjangoModelFactory):
    """A complaint stored directly (no service, no notification), received today by default."""

    class Meta:
        model = "complaints.Complaint"

    tracking_code = factory.LazyFunction(lambda: _tracking_code_new())
    category = factory.SubFactory(ComplaintCategoryFactory)
    site = factory.LazyAttribute(lambda complaint: complaint.category.site)
    description = factory.Sequence(lambda n: f"Lampu jalan di gang {n} mati sejak seminggu.")
    location_text = "Desa Sukamaju RT 02/RW 03"
    reporter_name = "Siti Aminah"
    reporter_phone = "0812 3456 7890"
    reporter_email = "siti@contoh.id"
    verify_due = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=3))
    respond_due = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=10))


def _tracking_code_new():
    from cms.complaints.codes import tracking_code_new

    return tracking_code_new()
