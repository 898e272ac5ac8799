"""The English versions of the demo's services beside the KTP-el one (written in content.py).

Every service residents rate has an English page, so /en/layanan/ lists them all and
/en/transparansi/ names each service in English. Keyed by the service's spec key; contact
and complaint handling are the shared English texts of content.py, added there.
"""

from .text import callout, ol, p, paragraph, ul

FREE = "Free (Law 24/2013, Article 79A)"
VILLAGE_LETTER = "A covering letter from your village office (surat pengantar desa)."

SERVICES_EN = {
    "svc-kk": {
        "title": "Family card (Kartu Keluarga): new card and changes",
        "summary": "A new family card after marriage or a move, and changes to it such as a "
        "new family member, education or occupation. Free.",
        "requirements": ul(
            VILLAGE_LETTER,
            "The family details form (F-1.01), filled in; it is available at the desk.",
            "The original old family card (for changes or a split card).",
            "Marriage book or certificate (for a new card after marriage).",
            "Documents behind the change: birth certificate, diploma, death certificate or "
            "moving letter.",
        ),
        "procedure": ol(
            "Hand in your documents at Desk 3.",
            "The officer checks them and sends the data to the civil registry office "
            "(Disdukcapil) through SIAK.",
            "The head of Disdukcapil signs the card electronically.",
            "The card is printed on plain paper and handed over at Desk 4, or sent to your "
            "WhatsApp as a PDF.",
        ),
        "duration": "3 working days once the documents are complete",
        "cost": FREE,
        "product": "A family card (Kartu Keluarga) with an electronic signature",
        "desk": "Desk 3, Civil registration",
    },
    "svc-akta": {
        "title": "Birth and death certificates",
        "summary": "The kecamatan takes applications for birth and death certificates and "
        "passes them to the civil registry office, so residents need not go to the regency. "
        "Free.",
        "requirements": ul(
            "Birth certificate: the birth statement of the midwife, health centre or hospital.",
            "Birth certificate: the parents' marriage book or certificate; without one, a "
            "signed statement of full responsibility (SPTJM) that they are married.",
            "Death certificate: the death statement of the village office or hospital.",
            "The family card and identity card (KTP-el) of the person reporting.",
            "The reporting form (F-2.01), filled in; it is available at the desk.",
        ),
        "procedure": ol(
            "Hand in your documents at Desk 3.",
            "The officer checks them and uploads them to the civil registry office.",
            "The civil registry office issues the certificate with an electronic signature.",
            "The certificate is printed at the kecamatan or sent to your WhatsApp as a PDF.",
        ),
        "duration": "5 working days once the documents are complete",
        "cost": FREE,
        "product": "A birth or death certificate from the civil registry office",
        "desk": "Desk 3, Civil registration",
    },
    "svc-nib": {
        "title": "Micro business licence: help with a business number (NIB)",
        "summary": "An officer helps micro businesses get their business identification "
        "number (NIB) through the OSS system. The NIB replaces the old micro business licence "
        "(IUMK). Free.",
        "requirements": ul(
            "The owner's identity card (KTP-el).",
            "A working mobile number and an email address you can open there and then.",
            "Tax number (NPWP), if you have one.",
            "The address and kind of business, and an estimate of its capital.",
        ),
        "procedure": ol(
            "Come to Desk 1 and tell us what your business does.",
            "The officer helps you open an account at oss.go.id.",
            "Fill in your business details and choose the right KBLI code with the officer.",
            "The OSS system issues the NIB, printed on the spot.",
        ),
        "duration": "About 1 hour; the NIB is issued the same day",
        "cost": "Free",
        "product": "A business identification number (NIB) from the OSS system",
        "desk": "Desk 1, Licensing",
        "body": [
            paragraph(
                p(
                    "Since risk-based business licensing (Government Regulation 5/2021), the "
                    "micro and small business licences once issued by the camat are replaced "
                    "by the NIB from the OSS system. The kecamatan still helps micro "
                    "businesses register."
                )
            )
        ],
    },
    "svc-keramaian": {
        "title": "Recommendation for a public event permit",
        "summary": "The camat's recommendation for a celebration, show or event that draws "
        "a crowd, needed for the event permit of the Sukamaju police station.",
        "requirements": ul(
            VILLAGE_LETTER,
            "A letter of application: the kind of event, date, time, place, expected number "
            "of guests and any entertainment.",
            "A photocopy of the identity card of the person responsible.",
            "A statement from the neighbours that they do not object.",
            "A site and parking plan, for events with more than 500 guests.",
        ),
        "procedure": ol(
            "Hand in your documents at Desk 1 at least 7 days before the event.",
            "The officer checks them and checks with the village.",
            "The camat signs the recommendation.",
            "Take the recommendation to the Sukamaju police station for the permit.",
        ),
        "duration": "1 working day",
        "cost": "Free",
        "product": "The camat's recommendation for an event permit",
        "desk": "Desk 1, Licensing",
    },
    "svc-dispensasi-nikah": {
        "title": "Marriage dispensation letter",
        "summary": "The camat's dispensation for a couple whose wedding is less than 10 "
        "working days after they registered at the religious affairs office (KUA).",
        "requirements": ul(
            "The couple's letter asking for the dispensation.",
            "The notice of the short period from the KUA of Sukamaju.",
            "Photocopies of both partners' identity cards.",
            "Photocopies of both partners' family cards.",
            "The village office's covering letter for the marriage.",
        ),
        "procedure": ol(
            "Hand in your documents at Desk 2.",
            "The officer checks them and prepares the dispensation letter.",
            "The camat signs it.",
            "Take the letter to the KUA.",
        ),
        "duration": "15 minutes once the documents are complete",
        "cost": "Free",
        "product": "A marriage dispensation letter signed by the camat",
        "desk": "Desk 2, Non-licensing",
        "body": [
            callout(
                p(
                    "This is not the dispensation for a partner under 19 years old: that one "
                    "is asked of the religious court (Pengadilan Agama)."
                ),
                title="Please note",
            ),
            paragraph(
                p("Legal basis: Minister of Religious Affairs Regulation 20/2019 on marriages.")
            ),
        ],
    },
    "svc-domisili-usaha": {
        "title": "Business domicile letter",
        "summary": "A letter stating that your business is in Sukamaju sub-district, for a "
        "bank, a cooperative or a tender.",
        "requirements": ul(
            VILLAGE_LETTER,
            "Photocopies of the owner's identity card and family card.",
            "A photo of the front of the business.",
            "Proof that this year's land and building tax (PBB) is paid, or the lease.",
            "A statement from the neighbours that they do not object, for a business that "
            "may be noisy or smell.",
        ),
        "procedure": ol(
            "Hand in your documents at Desk 2.",
            "The officer checks them; a village officer may visit the business.",
            "The camat signs the letter.",
            "Collect the letter at Desk 4.",
        ),
        "duration": "1 working day",
        "cost": "Free",
        "product": "A business domicile letter (SKDU)",
        "desk": "Desk 2, Non-licensing",
        "body": [
            paragraph(
                p(
                    "A business with an NIB has its address on the NIB. Ask first whether the "
                    "office you apply to still needs this letter."
                )
            )
        ],
    },
    "svc-legalisasi": {
        "title": "Certified copies of documents",
        "summary": "Certified photocopies of documents issued or signed by the camat or a "
        "village, such as statements and recommendations.",
        "requirements": ul(
            "The original document.",
            "The photocopies to certify, at most 10 pages per document.",
        ),
        "procedure": ol(
            "Hand in the original and the photocopies at Desk 2.",
            "The officer compares the copies with the original.",
            "A kecamatan official stamps and signs the copies.",
            "You get back the original and the certified copies.",
        ),
        "duration": "30 minutes",
        "cost": "Free",
        "product": "Certified photocopies of your document",
        "desk": "Desk 2, Non-licensing",
        "body": [
            callout(
                p(
                    "Family cards, certificates and other civil registry documents with an "
                    "electronic signature need no certification: a print-out on plain paper "
                    "is valid."
                ),
                title="Civil registry documents need no certification",
            )
        ],
    },
    "svc-skck": {
        "title": "Covering letter for a police certificate (SKCK)",
        "summary": "The camat's covering letter for a police certificate (SKCK) from the "
        "Sukamaju police station, for example to apply for a job.",
        "requirements": ul(
            VILLAGE_LETTER,
            "Photocopies of your identity card and family card.",
            "Two passport photos, 4 x 6 cm, on a red background.",
        ),
        "procedure": ol(
            "Hand in your documents at Desk 2.",
            "The officer checks them and prepares the letter.",
            "The kecamatan secretary signs it for the camat.",
            "Take the letter to the Sukamaju police station.",
        ),
        "duration": "15 minutes once the documents are complete",
        "cost": "Free (the police charge their own fee for the SKCK)",
        "product": "The camat's covering letter for an SKCK application",
        "desk": "Desk 2, Non-licensing",
    },
    "svc-ahli-waris": {
        "title": "Statement of heirs",
        "summary": "The camat's endorsement of a statement of heirs, to transfer a land "
        "title or draw the savings or pension of the deceased.",
        "requirements": ul(
            "A statement of heirs on duty stamp paper, signed by every heir and two "
            "witnesses and confirmed by the village head.",
            "A photocopy of the death certificate of the deceased.",
            "A photocopy of the marriage book of the deceased.",
            "Photocopies of the identity cards, family cards and birth certificates of every heir.",
            VILLAGE_LETTER,
        ),
        "procedure": ol(
            "Hand in your documents at Desk 2.",
            "The officer checks that they are complete and the heirs' details true.",
            "If needed, the heirs and witnesses are asked to come in to clarify.",
            "The camat signs the endorsement.",
            "Collect the letter at Desk 4.",
        ),
        "duration": "3 working days once the documents are complete",
        "cost": "Free (you bring the Rp10,000 duty stamp)",
        "product": "A statement of heirs endorsed by the camat",
        "desk": "Desk 2, Non-licensing",
    },
}
