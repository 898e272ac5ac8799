"""The demo kecamatan: everything that exists only to show the product.

`manage.py load_demo` (what `make run` calls) fills an empty database with made-up content
(demo/pages/), complaints and a data request made through the real services
(demo/complaints.py), and two staff accounts with a published authenticator key
(demo/security.py). The dev and test settings install this app; production settings do not,
so nothing here is imported, or can be run, on a production site.
"""
