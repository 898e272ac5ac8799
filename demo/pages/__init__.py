"""Demo content for `manage.py load_demo`: a made-up kecamatan, generated locally.

Nothing here is downloaded: images are drawn with Pillow and the PDF is written by hand.
"""
