"""The three demo courses that ``manage.py seed_demo`` publishes, as plain data.

Every fact is taken from ``shared/content/civic-facts.md`` (checked against the law, or marked there as
secondary and phrased with care here); nothing marked "unverified" there is stated as fact. Laws are cited
in full in lessons ("UU Nomor 14 Tahun 2008 ..., Pasal 22 ayat (7)") and in short form in quizzes
("UU 14/2008 Pasal 22(7)"); deadline units are kept exactly (hari kerja, hari, 3 × 24 jam).

Shape of one course:

- ``slug``, ``title``, ``topic`` ("hak-warga" | "lingkungan" | "anggaran"), ``organisation`` (a slug from
  ``demo.content.site.ORGANISATIONS``), ``summary`` (at most 300 characters), ``outcomes`` (plain strings),
  ``duration_hours`` and ``modules``.
- A module has ``slug``, ``title``, ``summary``, ``estimated_minutes``, ``body`` (a list of
  ``(block_type, value)`` pairs for ``courses.blocks.LessonBodyBlock``: "paragraph" HTML limited to p, h2,
  h3, b, i, ul, ol, li and blockquote; "callout" with kind info | tip | warning | law; "key_terms") and
  ``quiz``.
- A quiz question has ``kind`` ("single": exactly one correct choice; "multiple": one or more;
  "true_false": exactly the two choices "Benar" and "Salah"), ``prompt``, ``choices`` as
  ``(text, is_correct)`` pairs, and ``explanation`` (shown after submitting, citing the law).
"""

COURSES = [
    {
        "slug": "hak-dan-kewajiban-warga",
        "title": "Hak dan Kewajiban Warga Negara",
        "topic": "hak-warga",
        "organisation": "perkumpulan-warga-cerdas",
        "summary": (
            "Kenali hak dan kewajiban Anda sebagai warga negara menurut UUD 1945 dan undang-undang, lalu pelajari "
            "cara meminta informasi publik, menjaga data pribadi, dan mengadukan layanan publik yang buruk."
        ),
        "outcomes": [
            (
                "Menjelaskan hak dan kewajiban warga negara dalam UUD 1945, termasuk hak yang tidak dapat dikurangi "
                "dalam keadaan apa pun."
            ),
            "Mengenali hak Anda atas data pribadi dan tahu ke mana mengadu jika hak asasi Anda dilanggar.",
            "Mengajukan permohonan informasi publik kepada PPID dan menempuh keberatan jika tidak dilayani.",
            "Menyampaikan pengaduan pelayanan publik kepada penyelenggara, Ombudsman, atau melalui SP4N-LAPOR!.",
        ],
        "duration_hours": 4,
        "modules": [
            {
                "slug": "hak-dan-kewajiban-dalam-uud-1945",
                "title": "Hak dan Kewajiban dalam UUD 1945",
                "summary": (
                    "Apa saja hak dan kewajiban warga negara menurut UUD 1945, dari kesamaan di depan hukum sampai "
                    "hak atas pendidikan."
                ),
                "estimated_minutes": 25,
                "body": [
                    (
                        "paragraph",
                        (
                            "<p>UUD 1945 adalah hukum dasar negara kita. Di dalamnya tertulis apa yang menjadi hak "
                            "setiap warga dan apa yang menjadi kewajibannya. Mengetahuinya membuat Anda lebih percaya "
                            "diri saat mengurus layanan atau berpendapat di forum warga.</p>"
                            "<p>Naskah UUD 1945 sudah diubah empat kali: Perubahan Pertama (19 Oktober 1999), "
                            "Perubahan Kedua (18 Agustus 2000), Perubahan Ketiga (9 November 2001), dan Perubahan "
                            "Keempat (10 Agustus 2002). Banyak pasal tentang hak warga yang kita kenal sekarang lahir "
                            "dari perubahan-perubahan itu.</p>"
                            "<h2>Sama di depan hukum dan pemerintahan</h2>"
                            "<p>Pasal 27 ayat (1) menyatakan bahwa semua warga negara bersamaan kedudukannya di dalam "
                            "hukum dan pemerintahan, dan wajib menjunjung hukum dan pemerintahan itu tanpa kecuali. "
                            "Hak dan kewajiban datang bersamaan.</p>"
                            "<p>Pasal 27 ayat (2) menjamin hak setiap warga negara atas pekerjaan dan penghidupan "
                            "yang layak bagi kemanusiaan.</p>"
                            "<h2>Bela negara, pertahanan, dan keamanan</h2>"
                            "<p>Pasal 27 ayat (3) ditambahkan melalui Perubahan Kedua tahun 2000: setiap warga negara "
                            "berhak <b>dan</b> wajib ikut serta dalam upaya pembelaan negara. Gagasan ini berasal "
                            "dari Pasal 30 naskah asli.</p>"
                            "<p>Pasal 30 ayat (1) hasil perubahan memakai istilah lain: hak dan kewajiban ikut serta "
                            "dalam usaha pertahanan dan keamanan negara. Usaha itu dijalankan melalui sistem "
                            "pertahanan dan keamanan rakyat semesta, dengan TNI dan Polri sebagai kekuatan utama dan "
                            "rakyat sebagai kekuatan pendukung (Pasal 30 ayat (2)). Jangan tertukar: Pasal 27 ayat "
                            "(3) tentang <i>pembelaan negara</i>, Pasal 30 ayat (1) tentang <i>pertahanan dan "
                            "keamanan negara</i>.</p>"
                            "<h2>Berkumpul, berserikat, dan berpendapat</h2>"
                            "<p>Pasal 28 menjamin kemerdekaan berserikat dan berkumpul serta mengeluarkan pikiran "
                            "dengan lisan dan tulisan, yang diatur lebih lanjut dengan undang-undang. Saat warga "
                            "Kelurahan Gunung Bahagia membentuk kelompok bank sampah atau menyampaikan usulan di "
                            "forum warga, mereka sedang memakai hak ini.</p>"
                            "<h2>Bab XA: Hak Asasi Manusia</h2>"
                            "<p>Perubahan Kedua juga menambahkan Bab XA tentang Hak Asasi Manusia, yaitu Pasal 28A "
                            "sampai 28J. Beberapa yang paling sering dipakai warga:</p>"
                            "<ul><li><b>Pasal 28C</b>: hak mengembangkan diri, mendapat pendidikan, dan "
                            "memperjuangkan hak secara bersama-sama.</li>"
                            "<li><b>Pasal 28D</b>: kepastian hukum yang adil, perlakuan yang sama di hadapan hukum, "
                            "dan kesempatan yang sama dalam pemerintahan.</li>"
                            "<li><b>Pasal 28F</b>: hak berkomunikasi serta mencari, memperoleh, menyimpan, dan "
                            "menyampaikan informasi melalui segala saluran yang tersedia.</li>"
                            "<li><b>Pasal 28H ayat (1)</b>: hak hidup sejahtera, bertempat tinggal, mendapat "
                            "lingkungan hidup yang baik dan sehat, serta memperoleh pelayanan kesehatan.</li>"
                            "<li><b>Pasal 28I ayat (2)</b>: hak bebas dari perlakuan yang diskriminatif.</li>"
                            "</ul>"
                            "<p>Menurut Pasal 28I ayat (4), perlindungan, pemajuan, penegakan, dan pemenuhan hak "
                            "asasi manusia adalah tanggung jawab negara, terutama pemerintah.</p>"
                        ),
                    ),
                    (
                        "callout",
                        {
                            "kind": "law",
                            "title": "UUD 1945 Pasal 28I ayat (1)",
                            "text": (
                                "<p>Ada hak yang <b>tidak dapat dikurangi dalam keadaan apa pun</b>:</p>"
                                "<ul><li>hak untuk hidup;</li>"
                                "<li>hak untuk tidak disiksa;</li>"
                                "<li>hak kemerdekaan pikiran dan hati nurani;</li>"
                                "<li>hak beragama;</li>"
                                "<li>hak untuk tidak diperbudak;</li>"
                                "<li>hak untuk diakui sebagai pribadi di hadapan hukum;</li>"
                                "<li>hak untuk tidak dituntut atas dasar hukum yang berlaku surut.</li>"
                                "</ul>"
                            ),
                        },
                    ),
                    (
                        "paragraph",
                        (
                            "<h2>Hak datang bersama kewajiban</h2>"
                            "<p>Pasal 28J ayat (1) mewajibkan setiap orang menghormati hak asasi manusia orang lain. "
                            "Pasal 28J ayat (2) menegaskan bahwa hak hanya boleh dibatasi dengan undang-undang, dan "
                            "hanya untuk menjamin penghormatan atas hak orang lain serta memenuhi tuntutan yang adil "
                            "sesuai pertimbangan moral, nilai agama, keamanan, dan ketertiban umum.</p>"
                            "<h2>Pendidikan: hak sekaligus kewajiban</h2>"
                            "<p>Pasal 31, hasil Perubahan Keempat tahun 2002, mengatur tiga hal penting. Ayat (1): "
                            "setiap warga negara berhak mendapat pendidikan. Ayat (2): setiap warga negara wajib "
                            "mengikuti pendidikan dasar, dan pemerintah wajib membiayainya. Ayat (4): negara "
                            "memprioritaskan anggaran pendidikan sekurang-kurangnya 20% dari APBN dan dari APBD. "
                            "Ketentuan 20% ini juga berlaku untuk APBD kota kita.</p>"
                            "<h2>Yang bisa Anda lakukan</h2>"
                            "<ul><li>Jika diperlakukan berbeda saat mengurus layanan, ingatkan dengan tenang bahwa "
                            "setiap warga bersamaan kedudukannya di dalam hukum dan pemerintahan (Pasal 27 ayat "
                            "(1)).</li>"
                            "<li>Gunakan hak berkumpul dan berpendapat secara tertib: hadiri rapat RT atau forum "
                            "warga, dan sampaikan usulan secara tertulis agar tercatat.</li>"
                            "<li>Hormati hak orang lain ketika berpendapat, misalnya dengan tidak menyebarkan tuduhan "
                            "tanpa bukti atau data pribadi tetangga (Pasal 28J).</li>"
                            "<li>Jika ada anak di lingkungan Anda yang putus sekolah dasar, sampaikan kepada RT atau "
                            "kelurahan: pendidikan dasar wajib diikuti dan dibiayai pemerintah.</li>"
                            "</ul>"
                        ),
                    ),
                    (
                        "key_terms",
                        {
                            "title": "Istilah penting",
                            "terms": [
                                {
                                    "term": "Perubahan UUD 1945",
                                    "definition": (
                                        "Empat kali perubahan naskah UUD 1945 pada tahun 1999, 2000, 2001, dan 2002, "
                                        "yang sering disebut amandemen."
                                    ),
                                },
                                {
                                    "term": "Hak asasi manusia",
                                    "definition": (
                                        "Hak yang melekat pada setiap orang karena ia manusia. Dalam UUD 1945 diatur "
                                        "terutama di Bab XA, Pasal 28A sampai 28J."
                                    ),
                                },
                                {
                                    "term": "Bela negara",
                                    "definition": (
                                        "Hak sekaligus kewajiban setiap warga negara untuk ikut serta dalam upaya "
                                        "pembelaan negara (Pasal 27 ayat (3))."
                                    ),
                                },
                                {
                                    "term": "Hak yang tidak dapat dikurangi",
                                    "definition": (
                                        "Hak dalam Pasal 28I ayat (1), seperti hak untuk hidup dan hak untuk tidak "
                                        "disiksa, yang tidak boleh dikurangi dalam keadaan apa pun."
                                    ),
                                },
                            ],
                        },
                    ),
                ],
                "quiz": [
                    {
                        "kind": "single",
                        "prompt": (
                            "Pasal UUD 1945 yang mewajibkan setiap warga negara mengikuti pendidikan dasar dan "
                            "mewajibkan pemerintah membiayainya adalah …"
                        ),
                        "choices": [
                            ("Pasal 27 ayat (2)", False),
                            ("Pasal 31 ayat (2)", True),
                            ("Pasal 28C ayat (1)", False),
                            ("Pasal 31 ayat (4)", False),
                        ],
                        "explanation": (
                            "UUD 1945 Pasal 31(2) memasangkan kewajiban warga mengikuti pendidikan dasar dengan "
                            "kewajiban pemerintah membiayainya. Pasal 31(4) mengatur anggaran pendidikan paling "
                            "sedikit 20%, sedangkan Pasal 27(2) tentang pekerjaan dan penghidupan yang layak."
                        ),
                    },
                    {
                        "kind": "true_false",
                        "prompt": (
                            "Pasal 27 ayat (3) UUD 1945 tentang hak dan kewajiban ikut serta dalam upaya pembelaan "
                            "negara sudah ada sejak naskah asli tahun 1945."
                        ),
                        "choices": [("Benar", False), ("Salah", True)],
                        "explanation": (
                            "Salah. Pasal 27(3) ditambahkan melalui Perubahan Kedua UUD 1945 pada 18 Agustus 2000. "
                            "Gagasannya berasal dari Pasal 30 naskah asli."
                        ),
                    },
                    {
                        "kind": "multiple",
                        "prompt": (
                            "Menurut Pasal 28I ayat (1) UUD 1945, manakah yang termasuk hak yang tidak dapat "
                            "dikurangi dalam keadaan apa pun? Pilih semua jawaban yang benar."
                        ),
                        "choices": [
                            ("Hak untuk hidup", True),
                            ("Hak untuk tidak disiksa", True),
                            ("Hak beragama", True),
                            ("Hak atas jaminan sosial", False),
                            ("Hak atas pekerjaan dan penghidupan yang layak", False),
                        ],
                        "explanation": (
                            "Hak untuk hidup, hak untuk tidak disiksa, dan hak beragama ada dalam daftar Pasal "
                            "28I(1). Hak atas jaminan sosial diatur dalam Pasal 28H(3) dan hak atas pekerjaan dalam "
                            "Pasal 27(2); keduanya penting, tetapi tidak termasuk daftar hak yang tidak dapat "
                            "dikurangi."
                        ),
                    },
                ],
            },
            {
                "slug": "hak-asasi-manusia-dan-data-pribadi",
                "title": "Hak Asasi Manusia dan Pelindungan Data Pribadi",
                "summary": (
                    "Mengenal UU Hak Asasi Manusia dan UU Pelindungan Data Pribadi: hak Anda, kewajiban pengelola "
                    "data, dan ke mana mengadu."
                ),
                "estimated_minutes": 30,
                "body": [
                    (
                        "paragraph",
                        (
                            "<p>Hak asasi manusia menyentuh kehidupan sehari-hari: cara petugas melayani Anda, sampai "
                            "cara sebuah aplikasi menyimpan nomor ponsel Anda. Modul ini membahas dua undang-undang: "
                            "UU Nomor 39 Tahun 1999 tentang Hak Asasi Manusia dan UU Nomor 27 Tahun 2022 tentang "
                            "Pelindungan Data Pribadi.</p>"
                            "<h2>Apa itu hak asasi manusia?</h2>"
                            "<p>Menurut UU 39/1999 Pasal 1 angka 1, hak asasi manusia adalah seperangkat hak yang "
                            "melekat pada setiap manusia sebagai anugerah Tuhan Yang Maha Esa, yang wajib dihormati "
                            "dan dilindungi oleh negara, hukum, pemerintah, dan setiap orang. Pasal 1 angka 2 juga "
                            "mengenal <b>kewajiban dasar manusia</b>: kewajiban yang jika tidak dijalankan membuat "
                            "hak asasi tidak mungkin terlaksana. Undang-undang ini menyebut <b>anak</b> sebagai "
                            "setiap orang yang berusia di bawah 18 tahun dan belum menikah (Pasal 1 angka 5).</p>"
                            "<h2>Hak ikut serta dan hak mengadu</h2>"
                            "<p>Warga negara berhak memilih dan dipilih, serta turut serta dalam pemerintahan secara "
                            "langsung atau melalui wakil yang dipilihnya (Pasal 43). Setiap orang, sendiri maupun "
                            "bersama-sama, berhak menyampaikan pendapat, permohonan, dan pengaduan kepada pemerintah, "
                            "baik lisan maupun tertulis (Pasal 44).</p>"
                            "<p>Kewajiban dasarnya: patuh pada peraturan perundang-undangan dan hukum internasional "
                            "tentang hak asasi manusia yang telah diterima Indonesia (Pasal 67), ikut serta dalam "
                            "upaya pembelaan negara (Pasal 68), menghormati hak asasi orang lain, moral, dan tata "
                            "tertib kehidupan bermasyarakat (Pasal 69), serta tunduk pada pembatasan yang ditetapkan "
                            "undang-undang (Pasal 70). Di sisi lain, pemerintah wajib menghormati, melindungi, "
                            "menegakkan, dan memajukan hak asasi manusia (Pasal 71).</p>"
                        ),
                    ),
                    (
                        "callout",
                        {
                            "kind": "law",
                            "title": "UU 39/1999 Pasal 90: mengadu ke Komnas HAM",
                            "text": (
                                "<p>Jika Anda punya alasan kuat bahwa hak asasi Anda dilanggar, Anda dapat mengadu ke "
                                "<b>Komnas HAM</b>, secara lisan atau tertulis, dengan identitas yang benar dan "
                                "keterangan atau bukti awal.</p>"
                            ),
                        },
                    ),
                    (
                        "paragraph",
                        (
                            "<h2>Data pribadi Anda juga dilindungi</h2>"
                            "<p>UU 27/2022 diundangkan pada 17 Oktober 2022. Pasal 4 membagi data pribadi menjadi dua "
                            "kelompok:</p>"
                            "<ul><li><b>Data pribadi yang bersifat spesifik</b>, misalnya data kesehatan, data "
                            "biometrik, data genetika, catatan kejahatan, data anak, dan data keuangan pribadi.</li>"
                            "<li><b>Data pribadi yang bersifat umum</b>, misalnya nama lengkap, jenis kelamin, agama, "
                            "status perkawinan, dan data yang jika digabungkan dapat mengenali seseorang.</li>"
                            "</ul>"
                            "<p>Sebagai pemilik data (undang-undang menyebutnya <i>subjek data pribadi</i>), Anda "
                            "punya hak-hak dalam Pasal 5 sampai 13, antara lain:</p>"
                            "<ul><li>mengetahui siapa yang meminta data Anda dan untuk apa;</li>"
                            "<li>melengkapi, memperbarui, dan memperbaiki data yang keliru;</li>"
                            "<li>mengakses dan memperoleh salinan data Anda;</li>"
                            "<li>meminta pemrosesan dihentikan, atau data dihapus dan dimusnahkan;</li>"
                            "<li>menarik kembali persetujuan yang pernah Anda berikan;</li>"
                            "<li>menolak keputusan yang semata-mata dibuat secara otomatis, termasuk pemrofilan;</li>"
                            "<li>menunda atau membatasi pemrosesan;</li>"
                            "<li>menggugat dan menerima ganti rugi jika data Anda disalahgunakan;</li>"
                            "<li>memperoleh data Anda dalam format yang umum dan dapat dibaca sistem elektronik, lalu "
                            "memindahkannya.</li>"
                            "</ul>"
                            "<p>Hak-hak ini dijalankan dengan permohonan yang tercatat, boleh secara elektronik "
                            "maupun tidak (Pasal 14). Untuk kepentingan tertentu, seperti penegakan hukum, sebagian "
                            "hak dapat dibatasi (Pasal 15).</p>"
                        ),
                    ),
                    (
                        "callout",
                        {
                            "kind": "law",
                            "title": "UU 27/2022: kewajiban pengendali data",
                            "text": (
                                "<p>Pengendali data, yaitu pihak yang menentukan tujuan dan mengelola data Anda, "
                                "wajib:</p>"
                                "<ul><li>punya dasar yang sah, misalnya persetujuan yang tegas dari Anda (Pasal "
                                "20);</li>"
                                "<li>mendapat persetujuan orang tua atau wali untuk memproses data anak (Pasal "
                                "25);</li>"
                                "<li>memperbaiki data paling lambat <b>3 × 24 jam</b> sejak Anda memintanya (Pasal "
                                "30);</li>"
                                "<li>memberi akses atas data Anda paling lambat <b>3 × 24 jam</b> (Pasal 32);</li>"
                                "<li>jika terjadi kegagalan pelindungan data, memberi tahu secara tertulis paling "
                                "lambat <b>3 × 24 jam</b> kepada Anda dan kepada lembaga pengawas (Pasal 46).</li>"
                                "</ul>"
                            ),
                        },
                    ),
                    (
                        "paragraph",
                        (
                            "<p>Ada pula ancaman pidana (Pasal 65 dan 67). Mengumpulkan data pribadi orang lain "
                            "secara melawan hukum untuk keuntungan diri sendiri atau orang lain, atau menggunakannya "
                            "secara melawan hukum: penjara paling lama 5 tahun dan/atau denda paling banyak Rp5 "
                            "miliar. Mengungkapkannya secara melawan hukum: paling lama 4 tahun dan/atau Rp4 miliar. "
                            "Pengelola data diberi waktu 2 tahun untuk menyesuaikan diri (Pasal 74).</p>"
                            "<h2>Yang bisa Anda lakukan</h2>"
                            "<ul><li>Saat diminta data, tanyakan: siapa yang meminta, untuk apa, dan berapa lama data "
                            "disimpan.</li>"
                            "<li>Jangan membagikan foto KTP, kartu keluarga, atau kabar sakit tetangga di grup "
                            "percakapan RT, walaupun niatnya baik.</li>"
                            "<li>Minta salinan atau perbaikan data Anda secara tertulis, lalu catat tanggal dan "
                            "jamnya.</li>"
                            "</ul>"
                            "<p>Sekolah Warga sendiri tidak meminta NIK. Data yang kami kumpulkan dan hak Anda atas "
                            "data itu dijelaskan di halaman Pemberitahuan Privasi.</p>"
                        ),
                    ),
                    (
                        "key_terms",
                        {
                            "title": "Istilah penting",
                            "terms": [
                                {
                                    "term": "Komnas HAM",
                                    "definition": (
                                        "Komisi Nasional Hak Asasi Manusia, lembaga yang menerima pengaduan dugaan "
                                        "pelanggaran hak asasi manusia (UU 39/1999 Pasal 90)."
                                    ),
                                },
                                {
                                    "term": "Subjek data pribadi",
                                    "definition": "Orang yang datanya diproses, misalnya Anda sebagai peserta kursus.",
                                },
                                {
                                    "term": "Pengendali data pribadi",
                                    "definition": (
                                        "Pihak yang menentukan tujuan pemrosesan data dan mengendalikan "
                                        "pemrosesannya, misalnya kantor, perusahaan, atau pengelola aplikasi."
                                    ),
                                },
                                {
                                    "term": "Data pribadi spesifik",
                                    "definition": (
                                        "Data yang lebih sensitif, seperti data kesehatan, biometrik, catatan "
                                        "kejahatan, data anak, dan data keuangan pribadi (UU 27/2022 Pasal 4)."
                                    ),
                                },
                            ],
                        },
                    ),
                ],
                "quiz": [
                    {
                        "kind": "single",
                        "prompt": (
                            "Jika terjadi kegagalan pelindungan data pribadi, misalnya data peserta sebuah layanan "
                            "bocor, pengendali data wajib memberi tahu secara tertulis paling lambat …"
                        ),
                        "choices": [
                            ("7 hari kerja", False),
                            ("14 hari", False),
                            ("3 × 24 jam", True),
                            ("30 hari", False),
                        ],
                        "explanation": (
                            "UU 27/2022 Pasal 46(1): pemberitahuan tertulis disampaikan paling lambat 3 × 24 jam "
                            "kepada subjek data pribadi dan kepada lembaga pengawas."
                        ),
                    },
                    {
                        "kind": "single",
                        "prompt": (
                            "Warga yang punya alasan kuat bahwa hak asasinya dilanggar dapat menyampaikan pengaduan "
                            "kepada …"
                        ),
                        "choices": [
                            ("Komisi Informasi", False),
                            ("Komnas HAM", True),
                            ("Badan Permusyawaratan Desa", False),
                            ("Bappeda", False),
                        ],
                        "explanation": (
                            "UU 39/1999 Pasal 90 menyebut Komnas HAM sebagai lembaga yang menerima pengaduan "
                            "pelanggaran hak asasi manusia, secara lisan atau tertulis. Komisi Informasi menangani "
                            "sengketa informasi publik."
                        ),
                    },
                    {
                        "kind": "multiple",
                        "prompt": (
                            "Menurut UU 27/2022, manakah yang termasuk hak Anda sebagai subjek data pribadi? Pilih "
                            "semua jawaban yang benar."
                        ),
                        "choices": [
                            ("Memperbaiki data pribadi Anda yang keliru", True),
                            ("Memperoleh salinan data pribadi Anda", True),
                            ("Menarik kembali persetujuan pemrosesan data", True),
                            ("Melihat data pribadi tetangga yang disimpan kantor kelurahan", False),
                            ("Menyebarkan data pribadi orang lain asalkan datanya benar", False),
                        ],
                        "explanation": (
                            "Hak memperbaiki data (Pasal 6), memperoleh salinan (Pasal 7), dan menarik persetujuan "
                            "(Pasal 9) adalah hak subjek data. Hak itu hanya atas data Anda sendiri; mengungkapkan "
                            "data pribadi orang lain secara melawan hukum justru diancam pidana (Pasal 65 dan 67)."
                        ),
                    },
                ],
            },
            {
                "slug": "hak-atas-informasi-publik",
                "title": "Hak atas Informasi Publik",
                "summary": (
                    "Cara meminta informasi dari kantor pemerintah, termasuk kelurahan, menurut UU Keterbukaan "
                    "Informasi Publik, dan apa yang dilakukan jika ditolak."
                ),
                "estimated_minutes": 30,
                "body": [
                    (
                        "paragraph",
                        (
                            "<p>Berapa anggaran perbaikan drainase di kelurahan Anda tahun ini? Sebagai warga, Anda "
                            "berhak menanyakannya. Hak ini dijamin UUD 1945 Pasal 28F dan diatur lebih rinci dalam UU "
                            "Nomor 14 Tahun 2008 tentang Keterbukaan Informasi Publik (UU KIP). Undang-undang ini "
                            "diundangkan 30 April 2008 dan mulai berlaku dua tahun kemudian (Pasal 64).</p>"
                            "<h2>Siapa yang wajib membuka informasi?</h2>"
                            "<p>UU KIP menyebutnya <b>badan publik</b> (Pasal 1 angka 3): lembaga eksekutif, "
                            "legislatif, yudikatif, dan badan lain yang dananya sebagian atau seluruhnya dari APBN "
                            "atau APBD. Organisasi nonpemerintah yang mendapat dana APBN/APBD, sumbangan masyarakat, "
                            "atau dana luar negeri juga termasuk. Jadi dinas, kantor kecamatan, dan kantor kelurahan "
                            "di Balikpapan adalah badan publik.</p>"
                            "<p>Setiap orang berhak melihat dan mengetahui informasi publik, menghadiri pertemuan "
                            "publik yang terbuka untuk umum, mendapat salinan informasi melalui permohonan, dan "
                            "menyebarluaskannya (Pasal 4). Pemohon informasi menurut undang-undang ini adalah warga "
                            "negara Indonesia dan/atau badan hukum Indonesia (Pasal 1 angka 12). Saat mengajukan "
                            "permohonan, Anda wajib menyebutkan alasannya (Pasal 4 ayat (3)).</p>"
                            "<h2>Tiga jenis informasi yang wajib dibuka tanpa diminta</h2>"
                            "<ul><li><b>Berkala</b> (Pasal 9): diumumkan paling sedikit setiap 6 bulan, misalnya "
                            "profil badan publik, kegiatan dan kinerjanya, serta laporan keuangan.</li>"
                            "<li><b>Serta-merta</b> (Pasal 10): diumumkan segera jika informasi itu dapat mengancam "
                            "hajat hidup orang banyak dan ketertiban umum.</li>"
                            "<li><b>Tersedia setiap saat</b> (Pasal 11): antara lain daftar informasi publik, "
                            "keputusan dan kebijakan, rencana kerja proyek termasuk perkiraan pengeluaran tahunannya, "
                            "perjanjian dengan pihak ketiga, dan prosedur pelayanan.</li>"
                            "</ul>"
                            "<p>Ada informasi yang dikecualikan, tetapi pengecualiannya ketat dan terbatas (Pasal 2 "
                            "ayat (2) dan Pasal 17), misalnya informasi yang dapat menghambat penegakan hukum, "
                            "membahayakan pertahanan negara, atau membuka rahasia pribadi seseorang. Jika hanya "
                            "sebagian isi dokumen yang dikecualikan, bagian itu dapat dihitamkan dengan disertai "
                            "alasannya (Pasal 22 ayat (7) huruf e).</p>"
                            "<h2>PPID: pintu masuk permohonan</h2>"
                            "<p>Setiap badan publik wajib menunjuk <b>Pejabat Pengelola Informasi dan Dokumentasi "
                            "(PPID)</b> (Pasal 13). PPID menyimpan, mendokumentasikan, menyediakan, dan melayani "
                            "informasi. Di instansi pemerintah, PPID ditunjuk oleh pimpinan instansi (PP Nomor 61 "
                            "Tahun 2010, Pasal 12–14). Prinsipnya: cepat, tepat waktu, biaya ringan, dan cara "
                            "sederhana (UU KIP Pasal 21).</p>"
                        ),
                    ),
                    (
                        "callout",
                        {
                            "kind": "law",
                            "title": "UU 14/2008 Pasal 22: batas waktu jawaban",
                            "text": (
                                "<p>Permohonan boleh tertulis atau tidak tertulis. Badan publik wajib mencatatnya dan "
                                "memberi nomor pendaftaran. Paling lambat <b>10 hari kerja</b> sejak permohonan "
                                "diterima, badan publik wajib memberi pemberitahuan tertulis: apakah informasinya "
                                "ada, diterima atau ditolak beserta alasannya, bentuk informasinya, dan biayanya. "
                                "Waktu ini dapat diperpanjang <b>satu kali</b>, paling lama <b>7 hari kerja</b>, "
                                "dengan alasan tertulis (Pasal 22 ayat (7) dan (8)).</p>"
                            ),
                        },
                    ),
                    (
                        "paragraph",
                        (
                            "<h2>Jika permohonan ditolak atau tidak dijawab</h2>"
                            "<ol><li><b>Keberatan.</b> Ajukan keberatan tertulis kepada atasan PPID paling lambat 30 "
                            "hari kerja setelah alasan keberatan ditemukan, misalnya permohonan ditolak, tidak "
                            "ditanggapi, biaya tidak wajar, atau informasi terlambat diberikan (Pasal 35–36).</li>"
                            "<li><b>Tanggapan atasan.</b> Atasan PPID wajib menanggapi keberatan paling lambat 30 "
                            "hari kerja.</li>"
                            "<li><b>Sengketa informasi.</b> Jika tidak puas, ajukan permohonan penyelesaian sengketa "
                            "ke Komisi Informasi (pusat, provinsi, atau kabupaten/kota) paling lambat 14 hari kerja "
                            "setelah menerima tanggapan tertulis atasan PPID (Pasal 37). Komisi Informasi mulai "
                            "mengupayakan mediasi atau ajudikasi paling lambat 14 hari kerja dan menyelesaikannya "
                            "paling lambat 100 hari kerja (Pasal 38).</li>"
                            "<li><b>Pengadilan.</b> Langkah terakhir: ke pengadilan tata usaha negara jika badan "
                            "publiknya lembaga negara, atau ke pengadilan negeri untuk badan publik lainnya (Pasal "
                            "47).</li>"
                            "</ol>"
                            "<p>Badan publik yang dengan sengaja tidak menyediakan informasi yang wajib dibuka, "
                            "sehingga merugikan orang lain, dapat dipidana kurungan paling lama 1 tahun dan/atau "
                            "denda paling banyak Rp5.000.000 (Pasal 52).</p>"
                        ),
                    ),
                    (
                        "callout",
                        {
                            "kind": "tip",
                            "title": "Contoh permohonan singkat",
                            "text": (
                                "<p><i>“Dengan hormat, saya [nama], warga RT [nomor] Kelurahan Gunung Bahagia, "
                                "meminta salinan rencana kerja dan anggaran kegiatan sarana dan prasarana kelurahan "
                                "tahun ini. Informasi ini saya perlukan untuk ikut memantau pembangunan di lingkungan "
                                "kami. Mohon dikirim dalam bentuk salinan elektronik.”</i></p>"
                                "<p>Simpan nomor pendaftaran dan tanggal permohonan Anda.</p>"
                            ),
                        },
                    ),
                    (
                        "paragraph",
                        (
                            "<h2>Yang bisa Anda lakukan</h2>"
                            "<ul><li>Tanyakan di kantor kelurahan atau kecamatan siapa PPID yang melayani permohonan "
                            "untuk kelurahan Anda.</li>"
                            "<li>Hitung tenggat dengan hari kerja: Sabtu, Minggu, dan hari libur tidak dihitung.</li>"
                            "<li>Jika 10 hari kerja lewat tanpa pemberitahuan dan tanpa perpanjangan, ajukan "
                            "keberatan tertulis kepada atasan PPID.</li>"
                            "</ul>"
                        ),
                    ),
                    (
                        "key_terms",
                        {
                            "title": "Istilah penting",
                            "terms": [
                                {
                                    "term": "Badan publik",
                                    "definition": (
                                        "Lembaga negara dan badan lain yang dananya sebagian atau seluruhnya dari "
                                        "APBN/APBD, termasuk organisasi nonpemerintah yang menerima dana tersebut, "
                                        "sumbangan masyarakat, atau dana luar negeri."
                                    ),
                                },
                                {
                                    "term": "PPID",
                                    "definition": (
                                        "Pejabat Pengelola Informasi dan Dokumentasi: pejabat yang menyimpan, "
                                        "mendokumentasikan, menyediakan, dan melayani informasi di badan publik."
                                    ),
                                },
                                {
                                    "term": "Informasi serta-merta",
                                    "definition": (
                                        "Informasi yang wajib diumumkan segera karena dapat mengancam hajat hidup "
                                        "orang banyak dan ketertiban umum."
                                    ),
                                },
                                {
                                    "term": "Keberatan",
                                    "definition": (
                                        "Langkah pertama jika permohonan informasi ditolak atau tidak dilayani: surat "
                                        "kepada atasan PPID."
                                    ),
                                },
                                {
                                    "term": "Komisi Informasi",
                                    "definition": (
                                        "Lembaga yang menyelesaikan sengketa informasi publik melalui mediasi atau "
                                        "ajudikasi."
                                    ),
                                },
                            ],
                        },
                    ),
                ],
                "quiz": [
                    {
                        "kind": "single",
                        "prompt": (
                            "Setelah permohonan informasi diterima, badan publik wajib menyampaikan pemberitahuan "
                            "tertulis paling lambat …"
                        ),
                        "choices": [
                            ("3 hari kerja", False),
                            ("10 hari kerja, dan dapat diperpanjang satu kali paling lama 7 hari kerja", True),
                            ("14 hari", False),
                            ("30 hari kerja", False),
                        ],
                        "explanation": (
                            "UU 14/2008 Pasal 22(7) menetapkan 10 hari kerja, dan Pasal 22(8) membolehkan "
                            "perpanjangan satu kali paling lama 7 hari kerja dengan alasan tertulis."
                        ),
                    },
                    {
                        "kind": "single",
                        "prompt": (
                            "Permohonan informasi Anda kepada PPID yang melayani kelurahan tidak ditanggapi sama "
                            "sekali. Langkah pertama yang tepat menurut UU KIP adalah …"
                        ),
                        "choices": [
                            ("Langsung menggugat ke pengadilan tata usaha negara", False),
                            ("Melapor ke kepolisian", False),
                            ("Mengajukan keberatan tertulis kepada atasan PPID", True),
                            ("Mengadu ke DPRD", False),
                        ],
                        "explanation": (
                            "UU 14/2008 Pasal 35–36: keberatan diajukan lebih dulu kepada atasan PPID. Baru jika "
                            "tanggapannya tidak memuaskan, sengketa dibawa ke Komisi Informasi (Pasal 37), lalu ke "
                            "pengadilan (Pasal 47)."
                        ),
                    },
                    {
                        "kind": "true_false",
                        "prompt": (
                            "Rencana kerja proyek beserta perkiraan pengeluaran tahunannya termasuk informasi yang "
                            "wajib tersedia setiap saat."
                        ),
                        "choices": [("Benar", True), ("Salah", False)],
                        "explanation": (
                            "Benar. UU 14/2008 Pasal 11 memasukkan rencana kerja proyek, termasuk perkiraan "
                            "pengeluaran tahunan badan publik, ke dalam informasi yang wajib tersedia setiap saat."
                        ),
                    },
                ],
            },
            {
                "slug": "pelayanan-publik-dan-pengaduan",
                "title": "Pelayanan Publik dan Cara Mengadu",
                "summary": (
                    "Hak Anda atas pelayanan publik yang baik, batas waktu pengaduan menurut UU Pelayanan Publik, "
                    "serta peran Ombudsman dan SP4N-LAPOR!."
                ),
                "estimated_minutes": 30,
                "body": [
                    (
                        "paragraph",
                        (
                            "<p>Mengurus surat pengantar di kelurahan, membuat akta kelahiran, berobat ke puskesmas, "
                            "atau mengurus izin usaha: semua itu pelayanan publik. UU Nomor 25 Tahun 2009 tentang "
                            "Pelayanan Publik mendefinisikannya sebagai kegiatan pemenuhan kebutuhan pelayanan "
                            "barang, jasa, dan/atau pelayanan administratif bagi setiap warga negara dan penduduk "
                            "sesuai peraturan perundang-undangan (Pasal 1 angka 1).</p>"
                            "<p>Pelayanan publik harus berpegang pada asas dalam Pasal 4, antara lain kepentingan "
                            "umum, kepastian hukum, kesamaan hak, profesional, partisipatif, tidak diskriminatif, "
                            "keterbukaan, akuntabilitas, perlakuan khusus bagi kelompok rentan, serta ketepatan "
                            "waktu, kecepatan, kemudahan, dan keterjangkauan.</p>"
                            "<h2>Standar pelayanan dan maklumat pelayanan</h2>"
                            "<p>Setiap penyelenggara wajib menyusun <b>standar pelayanan</b> dengan mengikutsertakan "
                            "masyarakat (Pasal 20). Standar itu memuat paling sedikit 14 komponen, di antaranya dasar "
                            "hukum, persyaratan, prosedur, jangka waktu, biaya, produk pelayanan, dan cara penanganan "
                            "pengaduan (Pasal 21). Penyelenggara juga wajib menyusun dan mengumumkan <b>maklumat "
                            "pelayanan</b> secara luas, yaitu janji tertulis untuk melayani sesuai standar (Pasal "
                            "22).</p>"
                            "<h2>Hak dan kewajiban Anda</h2>"
                            "<p>Menurut Pasal 18, Anda berhak antara lain mengetahui dan mengawasi pelaksanaan "
                            "standar pelayanan, mendapat tanggapan atas pengaduan, memberi tahu pimpinan "
                            "penyelenggara agar memperbaiki pelayanan yang tidak sesuai standar, serta mengadukan "
                            "penyelenggara kepada atasannya dan kepada Ombudsman. Kewajiban Anda (Pasal 19): memenuhi "
                            "persyaratan yang ditentukan, ikut menjaga sarana dan prasarana umum, dan berpartisipasi. "
                            "Masyarakat juga dapat membentuk lembaga pengawas pelayanan publik (Pasal 39 ayat "
                            "(3)).</p>"
                            "<h2>Cara mengadu menurut UU 25/2009</h2>"
                            "<p>Pengaduan dapat disampaikan kepada penyelenggara, Ombudsman, dan/atau DPR atau DPRD "
                            "(Pasal 40). Penyelenggara wajib menyediakan sarana pengaduan dan mengumumkan petugas "
                            "yang bertanggung jawab (Pasal 36). Perhatikan bahwa undang-undang ini memakai satuan "
                            "<b>hari</b>, bukan hari kerja.</p>"
                        ),
                    ),
                    (
                        "callout",
                        {
                            "kind": "law",
                            "title": "UU 25/2009 Pasal 42, 44, dan 50",
                            "text": (
                                "<ul><li>Pengaduan diajukan oleh orang yang dirugikan atau kuasanya, paling lambat "
                                "<b>30 hari</b> sejak menerima pelayanan.</li>"
                                "<li>Pengaduan tertulis memuat nama dan alamat, uraian pelayanan yang tidak sesuai "
                                "dan kerugiannya, penyelesaian yang diminta, serta tempat, tanggal, dan tanda tangan. "
                                "Anda dapat menuntut ganti rugi, dan identitas Anda dapat dirahasiakan.</li>"
                                "<li>Penyelenggara atau Ombudsman wajib memberi tanda terima dan, paling lambat <b>14 "
                                "hari</b>, menyatakan lengkap atau tidaknya berkas. Kekurangan dilengkapi paling "
                                "lambat 30 hari; jika tidak, pengaduan dianggap dicabut.</li>"
                                "<li>Penyelenggara wajib memutuskan paling lambat <b>60 hari</b> sejak berkas lengkap "
                                "dan menyampaikan keputusannya paling lambat <b>14 hari</b> sejak diputuskan.</li>"
                                "</ul>"
                            ),
                        },
                    ),
                    (
                        "paragraph",
                        (
                            "<p>Jalur hukum tetap terbuka: gugatan ke pengadilan tata usaha negara (Pasal 51), "
                            "gugatan perdata (Pasal 52), atau laporan ke polisi jika ada dugaan tindak pidana (Pasal "
                            "53).</p>"
                            "<h2>Ombudsman Republik Indonesia</h2>"
                            "<p>Ombudsman (UU Nomor 37 Tahun 2008) adalah lembaga negara yang mengawasi pelayanan "
                            "publik oleh pemerintah, BUMN, BUMD, dan badan swasta yang dananya sebagian atau "
                            "seluruhnya dari APBN/APBD (Pasal 1 angka 1 dan Pasal 6). Yang ditanganinya adalah "
                            "<b>maladministrasi</b>, misalnya perbuatan melawan hukum, penyalahgunaan wewenang, atau "
                            "kelalaian yang menimbulkan kerugian (Pasal 1 angka 3).</p>"
                            "<p>Syarat melapor ke Ombudsman (Pasal 24): mencantumkan identitas, menguraikan peristiwa "
                            "secara rinci, dan sudah lebih dulu menyampaikan keluhan langsung kepada instansi "
                            "terlapor atau atasannya, tetapi tidak diselesaikan dengan layak. Peristiwanya belum "
                            "lewat <b>2 tahun</b>, dan identitas pelapor dapat dirahasiakan.</p>"
                            "<h2>SP4N-LAPOR!</h2>"
                            "<p>Untuk pengaduan secara daring, pemerintah menetapkan LAPOR! (Layanan Aspirasi dan "
                            "Pengaduan Online Rakyat) sebagai sistem pengelolaan pengaduan pelayanan publik nasional "
                            "(SP4N), berdasarkan UU 25/2009 dan Peraturan Presiden Nomor 76 Tahun 2013. Salurannya "
                            "antara lain situs <b>lapor.go.id</b>, SMS ke <b>1708</b>, dan aplikasi ponsel. "
                            "Prinsipnya “tidak ada pintu yang salah”: laporan diteruskan ke instansi yang berwenang. "
                            "Anda dapat memilih melapor secara anonim atau rahasia. LAPOR! tidak menangani sendiri "
                            "perkara pidana atau korupsi.</p>"
                            "<h2>Contoh</h2>"
                            "<p>Bu Rina, warga Kelurahan Sepinggan, mengurus sebuah surat keterangan di kantor "
                            "layanan. Papan standar pelayanan menyebut surat itu gratis dan selesai dalam waktu "
                            "tertentu, tetapi ia diminta membayar dan disuruh kembali minggu depan. Ia memotret papan "
                            "standar pelayanan, mencatat tanggal, dan mengeluh kepada kepala kantor. Karena tidak "
                            "ditanggapi, ia mengadu lewat LAPOR! sebelum 30 hari berlalu.</p>"
                        ),
                    ),
                    (
                        "callout",
                        {
                            "kind": "tip",
                            "title": "Urutan yang disarankan",
                            "text": (
                                "<ol><li>Sampaikan keluhan langsung kepada petugas atau pimpinan unit layanan; catat "
                                "nama, tanggal, dan jamnya.</li>"
                                "<li>Jika tidak selesai, ajukan pengaduan tertulis kepada penyelenggara atau lewat "
                                "SP4N-LAPOR!, paling lambat 30 hari sejak menerima pelayanan.</li>"
                                "<li>Jika tetap tidak diselesaikan dengan layak, laporkan ke Ombudsman, paling lambat "
                                "2 tahun sejak peristiwa terjadi.</li>"
                                "</ol>"
                            ),
                        },
                    ),
                    (
                        "key_terms",
                        {
                            "title": "Istilah penting",
                            "terms": [
                                {
                                    "term": "Standar pelayanan",
                                    "definition": (
                                        "Ukuran pelayanan yang wajib disusun bersama masyarakat: persyaratan, "
                                        "prosedur, jangka waktu, biaya, produk, dan cara pengaduan."
                                    ),
                                },
                                {
                                    "term": "Maklumat pelayanan",
                                    "definition": (
                                        "Pernyataan tertulis penyelenggara bahwa ia akan melayani sesuai standar "
                                        "pelayanan, yang wajib diumumkan secara luas."
                                    ),
                                },
                                {
                                    "term": "Maladministrasi",
                                    "definition": (
                                        "Pelayanan yang menyimpang: perbuatan melawan hukum, penyalahgunaan wewenang, "
                                        "atau kelalaian yang merugikan masyarakat."
                                    ),
                                },
                                {
                                    "term": "Ombudsman",
                                    "definition": (
                                        "Lembaga negara yang mengawasi penyelenggaraan pelayanan publik dan menerima "
                                        "laporan maladministrasi."
                                    ),
                                },
                                {
                                    "term": "SP4N-LAPOR!",
                                    "definition": (
                                        "Sistem pengaduan pelayanan publik nasional secara daring: lapor.go.id, SMS "
                                        "1708, dan aplikasi ponsel."
                                    ),
                                },
                            ],
                        },
                    ),
                ],
                "quiz": [
                    {
                        "kind": "single",
                        "prompt": (
                            "Menurut UU 25/2009, pengaduan atas pelayanan publik diajukan paling lambat … sejak "
                            "pengadu menerima pelayanan."
                        ),
                        "choices": [("7 hari", False), ("14 hari", False), ("30 hari", True), ("2 tahun", False)],
                        "explanation": (
                            "UU 25/2009 Pasal 42(2) menetapkan 30 hari sejak pengadu menerima pelayanan. Batas 2 "
                            "tahun adalah syarat laporan ke Ombudsman menurut UU 37/2008 Pasal 24."
                        ),
                    },
                    {
                        "kind": "single",
                        "prompt": "Salah satu syarat laporan kepada Ombudsman Republik Indonesia adalah …",
                        "choices": [
                            ("Laporan harus diajukan melalui pengacara", False),
                            (
                                (
                                    "Pelapor sudah menyampaikan keluhan langsung kepada instansi terlapor atau "
                                    "atasannya, tetapi tidak diselesaikan dengan layak"
                                ),
                                True,
                            ),
                            ("Peristiwanya terjadi paling lama 5 tahun sebelumnya", False),
                            ("Identitas pelapor wajib diumumkan", False),
                        ],
                        "explanation": (
                            "UU 37/2008 Pasal 24: pelapor lebih dulu menyampaikan keluhan kepada instansi terlapor "
                            "atau atasannya. Peristiwanya belum lewat 2 tahun, dan identitas pelapor justru dapat "
                            "dirahasiakan."
                        ),
                    },
                    {
                        "kind": "multiple",
                        "prompt": (
                            "Menurut UU 25/2009 Pasal 40, kepada siapa saja pengaduan pelayanan publik dapat "
                            "disampaikan? Pilih semua jawaban yang benar."
                        ),
                        "choices": [
                            ("Penyelenggara pelayanan", True),
                            ("Ombudsman", True),
                            ("DPR atau DPRD", True),
                            ("Komisi Informasi", False),
                            ("Bappeda", False),
                        ],
                        "explanation": (
                            "UU 25/2009 Pasal 40 menyebut penyelenggara, Ombudsman, dan/atau DPR/DPRD. Komisi "
                            "Informasi menangani sengketa informasi publik (UU 14/2008), dan Bappeda mengurus "
                            "perencanaan pembangunan."
                        ),
                    },
                ],
            },
        ],
    },
    {
        "slug": "pengelolaan-lingkungan-dan-sampah",
        "title": "Pengelolaan Lingkungan dan Sampah",
        "topic": "lingkungan",
        "organisation": "yayasan-lingkungan-lestari",
        "summary": (
            "Pelajari hak dan kewajiban Anda atas lingkungan hidup yang baik dan sehat, aturan sampah dari "
            "undang-undang sampai peraturan daerah Balikpapan, dan langkah nyata memilah sampah serta ikut bank "
            "sampah."
        ),
        "outcomes": [
            "Menjelaskan hak, kewajiban, dan peran warga dalam lingkungan hidup menurut UU 32/2009.",
            "Menyebutkan kewajiban dan larangan utama dalam UU 18/2008 tentang Pengelolaan Sampah.",
            "Memilah sampah rumah tangga menjadi lima jenis sesuai PP 81/2012.",
            "Mengenali aturan dan fasilitas pengelolaan sampah di Kota Balikpapan serta cara ikut bank sampah.",
        ],
        "duration_hours": 4,
        "modules": [
            {
                "slug": "hak-dan-peran-warga-dalam-lingkungan-hidup",
                "title": "Hak dan Peran Warga dalam Lingkungan Hidup",
                "summary": (
                    "Hak atas lingkungan hidup yang baik dan sehat, kewajiban menjaganya, dan bentuk peran masyarakat "
                    "menurut UU 32/2009."
                ),
                "estimated_minutes": 25,
                "body": [
                    (
                        "paragraph",
                        (
                            "<p>Udara yang bersih, air sungai yang tidak berbau, dan saluran air yang tidak tersumbat "
                            "bukan sekadar harapan: semuanya bagian dari hak Anda. UUD 1945 Pasal 28H ayat (1) "
                            "menjamin hak setiap orang untuk mendapat lingkungan hidup yang baik dan sehat. Hak yang "
                            "sama ditegaskan dalam UU 39/1999 tentang Hak Asasi Manusia, Pasal 9 ayat (3).</p>"
                            "<p>Aturan yang lebih rinci ada dalam UU Nomor 32 Tahun 2009 tentang Perlindungan dan "
                            "Pengelolaan Lingkungan Hidup (UU PPLH), terutama Pasal 65 sampai 70.</p>"
                            "<h2>Hak Anda (Pasal 65)</h2>"
                            "<ul><li>Lingkungan hidup yang baik dan sehat adalah bagian dari hak asasi manusia.</li>"
                            "<li>Setiap orang berhak mendapat pendidikan lingkungan hidup, <b>akses informasi, akses "
                            "partisipasi, dan akses keadilan</b>.</li>"
                            "<li>Setiap orang berhak mengajukan usul dan/atau keberatan terhadap rencana usaha atau "
                            "kegiatan yang diperkirakan berdampak pada lingkungan hidup.</li>"
                            "<li>Setiap orang berhak berperan dalam perlindungan dan pengelolaan lingkungan "
                            "hidup.</li>"
                            "<li>Setiap orang berhak mengadukan dugaan pencemaran dan/atau perusakan lingkungan "
                            "hidup. Tata caranya diatur dengan peraturan menteri (Pasal 65 ayat (6)).</li>"
                            "</ul>"
                        ),
                    ),
                    (
                        "callout",
                        {
                            "kind": "law",
                            "title": "UU 32/2009 Pasal 66",
                            "text": (
                                "<p>Setiap orang yang memperjuangkan hak atas lingkungan hidup yang baik dan sehat "
                                "<b>tidak dapat dituntut secara pidana maupun digugat secara perdata</b>. Ketentuan "
                                "ini melindungi warga yang bersuara untuk lingkungan, misalnya yang melaporkan "
                                "pembuangan limbah ke sungai, dari upaya membungkam lewat laporan pidana atau "
                                "gugatan.</p>"
                            ),
                        },
                    ),
                    (
                        "paragraph",
                        (
                            "<h2>Kewajiban dan larangan (Pasal 67–69)</h2>"
                            "<p>Setiap orang wajib memelihara kelestarian fungsi lingkungan hidup serta mengendalikan "
                            "pencemaran dan kerusakan lingkungan hidup (Pasal 67). Pelaku usaha punya kewajiban "
                            "tambahan: memberi informasi lingkungan yang benar, akurat, terbuka, dan tepat waktu; "
                            "menjaga keberlanjutan fungsi lingkungan; dan menaati baku mutu (Pasal 68).</p>"
                            "<p>Pasal 69 memuat larangan, antara lain mencemari atau merusak lingkungan hidup, "
                            "membuang limbah ke media lingkungan hidup (misalnya sungai, laut, atau tanah), membuang "
                            "bahan berbahaya dan beracun (B3), dan membuka lahan dengan cara membakar.</p>"
                            "<h2>Peran masyarakat (Pasal 70)</h2>"
                            "<p>Masyarakat punya hak dan kesempatan yang sama dan seluas-luasnya untuk berperan "
                            "aktif. Bentuknya ada tiga:</p>"
                            "<ul><li><b>pengawasan sosial</b>;</li>"
                            "<li><b>pemberian saran, pendapat, usul, keberatan, dan pengaduan</b>;</li>"
                            "<li><b>penyampaian informasi dan/atau laporan</b>.</li>"
                            "</ul>"
                            "<p>Tujuannya antara lain menumbuhkan kepedulian, kemandirian, dan kesadaran untuk saling "
                            "mengawasi, serta menjaga kearifan lokal dalam melestarikan lingkungan.</p>"
                            "<h2>Dilibatkan dalam AMDAL</h2>"
                            "<p>Bagaimana dengan rencana proyek besar? Menurut Pasal 26 UU PPLH sebagaimana diubah "
                            "oleh UU Nomor 11 Tahun 2020 tentang Cipta Kerja, dokumen AMDAL disusun oleh pemrakarsa "
                            "dengan <b>melibatkan masyarakat yang terkena dampak langsung</b>. Jika Anda tinggal di "
                            "dekat lokasi rencana proyek, Anda termasuk pihak yang perlu dilibatkan.</p>"
                            "<h2>Yang bisa Anda lakukan</h2>"
                            "<ul><li>Jika melihat dugaan pencemaran, misalnya minyak atau limbah di saluran air, "
                            "catat lokasi, tanggal, dan jamnya, lalu ambil foto.</li>"
                            "<li>Sampaikan pengaduan kepada Dinas Lingkungan Hidup (DLH) Kota Balikpapan atau lewat "
                            "SP4N-LAPOR!.</li>"
                            "<li>Minta informasi lingkungan kepada badan publik menurut UU Keterbukaan Informasi "
                            "Publik; pelaku usaha pun wajib memberi informasi yang benar dan terbuka (Pasal 68).</li>"
                            "<li>Jika ada konsultasi publik AMDAL di sekitar tempat tinggal Anda, hadiri dan "
                            "sampaikan usul atau keberatan secara tertulis.</li>"
                            "<li>Ajak tetangga mengawasi bersama. Pengawasan sosial adalah bentuk peran yang diakui "
                            "undang-undang.</li>"
                            "</ul>"
                        ),
                    ),
                    (
                        "key_terms",
                        {
                            "title": "Istilah penting",
                            "terms": [
                                {
                                    "term": "AMDAL",
                                    "definition": (
                                        "Analisis mengenai dampak lingkungan hidup: kajian tentang dampak penting "
                                        "rencana usaha atau kegiatan terhadap lingkungan, yang menjadi dasar "
                                        "pengambilan keputusan."
                                    ),
                                },
                                {
                                    "term": "Baku mutu",
                                    "definition": (
                                        "Batas kadar zat, energi, atau unsur pencemar yang masih boleh ada di "
                                        "lingkungan."
                                    ),
                                },
                                {
                                    "term": "B3",
                                    "definition": (
                                        "Bahan berbahaya dan beracun, yang karena sifat atau jumlahnya dapat "
                                        "mencemari lingkungan atau membahayakan kesehatan."
                                    ),
                                },
                                {
                                    "term": "Pengawasan sosial",
                                    "definition": (
                                        "Pengawasan oleh masyarakat sendiri terhadap keadaan lingkungan dan kegiatan "
                                        "di sekitarnya (UU 32/2009 Pasal 70)."
                                    ),
                                },
                            ],
                        },
                    ),
                ],
                "quiz": [
                    {
                        "kind": "single",
                        "prompt": (
                            "Warga yang memperjuangkan hak atas lingkungan hidup yang baik dan sehat tidak dapat "
                            "dituntut secara pidana maupun digugat secara perdata. Ketentuan ini terdapat dalam UU "
                            "32/2009 …"
                        ),
                        "choices": [("Pasal 65", False), ("Pasal 66", True), ("Pasal 69", False), ("Pasal 70", False)],
                        "explanation": (
                            "UU 32/2009 Pasal 66 melindungi orang yang memperjuangkan hak atas lingkungan hidup. "
                            "Pasal 65 mengatur hak, Pasal 69 larangan, dan Pasal 70 peran masyarakat."
                        ),
                    },
                    {
                        "kind": "single",
                        "prompt": "Yang BUKAN bentuk peran masyarakat menurut UU 32/2009 Pasal 70 ayat (2) adalah …",
                        "choices": [
                            ("Pengawasan sosial", False),
                            ("Penyampaian keberatan atau pengaduan", False),
                            ("Penyampaian informasi atau laporan", False),
                            ("Menjatuhkan sanksi administratif kepada perusahaan", True),
                        ],
                        "explanation": (
                            "Sanksi administratif dijatuhkan oleh pemerintah, bukan oleh warga. Pasal 70(2) menyebut "
                            "pengawasan sosial; pemberian saran, pendapat, usul, keberatan, dan pengaduan; serta "
                            "penyampaian informasi dan/atau laporan."
                        ),
                    },
                    {
                        "kind": "true_false",
                        "prompt": (
                            "Menurut UU 32/2009, setiap orang berhak mengadukan dugaan pencemaran dan/atau perusakan "
                            "lingkungan hidup."
                        ),
                        "choices": [("Benar", True), ("Salah", False)],
                        "explanation": (
                            "Benar. UU 32/2009 Pasal 65(5) memberi hak kepada setiap orang untuk mengadukan dugaan "
                            "pencemaran dan/atau perusakan lingkungan hidup."
                        ),
                    },
                ],
            },
            {
                "slug": "dasar-hukum-pengelolaan-sampah",
                "title": "Dasar Hukum Pengelolaan Sampah",
                "summary": (
                    "Apa kata UU 18/2008 tentang sampah: hak dan kewajiban warga, 3R, lima tahap penanganan, dan "
                    "larangan yang perlu diketahui."
                ),
                "estimated_minutes": 25,
                "body": [
                    (
                        "paragraph",
                        (
                            "<p>Setiap hari, rumah tangga di Balikpapan menghasilkan sisa makanan, plastik, kertas, "
                            "dan botol. Ke mana semua itu pergi, dan siapa yang bertanggung jawab? Jawabannya dimulai "
                            "dari UU Nomor 18 Tahun 2008 tentang Pengelolaan Sampah, yang diundangkan pada 7 Mei "
                            "2008.</p>"
                            "<h2>Apa itu sampah dan pengelolaan sampah?</h2>"
                            "<p>Menurut Pasal 1, <b>sampah</b> adalah sisa kegiatan sehari-hari manusia dan/atau "
                            "proses alam yang berbentuk padat. <b>Pengelolaan sampah</b> adalah kegiatan yang "
                            "sistematis, menyeluruh, dan berkesinambungan, yang terdiri atas dua bagian: "
                            "<b>pengurangan</b> dan <b>penanganan</b> sampah.</p>"
                            "<p>Undang-undang ini mengatur tiga golongan sampah (Pasal 2): sampah rumah tangga (tidak "
                            "termasuk tinja dan sampah spesifik); sampah sejenis sampah rumah tangga, yang berasal "
                            "dari kawasan komersial, kawasan industri, kawasan khusus, fasilitas sosial, dan "
                            "fasilitas umum; serta sampah spesifik, misalnya sampah yang mengandung B3, sampah akibat "
                            "bencana, dan puing bongkaran bangunan. Tujuannya (Pasal 4) adalah meningkatkan kesehatan "
                            "masyarakat dan kualitas lingkungan, serta menjadikan sampah sebagai <b>sumber "
                            "daya</b>.</p>"
                            "<h2>Hak dan kewajiban warga</h2>"
                            "<p>Pasal 11 memberi Anda hak untuk: mendapat pelayanan pengelolaan sampah yang baik dan "
                            "berwawasan lingkungan; ikut serta dalam pengambilan keputusan, penyelenggaraan, dan "
                            "pengawasan; memperoleh informasi yang benar, akurat, dan tepat waktu; mendapat "
                            "pelindungan dan kompensasi atas dampak negatif kegiatan tempat pemrosesan akhir (TPA); "
                            "serta memperoleh pembinaan.</p>"
                            "<p>Kewajibannya: setiap orang wajib mengurangi dan menangani sampah rumah tangga dengan "
                            "cara yang berwawasan lingkungan, dengan rincian yang diatur peraturan daerah (Pasal 12). "
                            "Pengelola kawasan permukiman, kawasan komersial, kawasan industri, fasilitas umum, dan "
                            "fasilitas sosial wajib menyediakan fasilitas pemilahan sampah (Pasal 13).</p>"
                            "<h2>3R menurut undang-undang</h2>"
                            "<p>Pasal 20 ayat (1) merinci pengurangan sampah menjadi tiga kegiatan yang dikenal "
                            "sebagai 3R: <b>pembatasan timbulan sampah</b> (mengurangi), <b>pemanfaatan kembali</b> "
                            "(memakai ulang), dan <b>pendauran ulang</b> (mendaur ulang). Pemerintah menetapkan "
                            "target pengurangan dan mendorong label ramah lingkungan, kegiatan guna ulang dan daur "
                            "ulang, serta pemasaran produk daur ulang. Masyarakat diminta memakai bahan yang dapat "
                            "dipakai ulang, didaur ulang, atau mudah diurai alam (Pasal 20 ayat (2)–(4)). Ada "
                            "insentif bagi yang mengurangi sampah dan disinsentif bagi yang tidak (Pasal 21).</p>"
                            "<h2>Lima tahap penanganan (Pasal 22)</h2>"
                            "<ol><li><b>Pemilahan</b>: mengelompokkan sampah menurut jenisnya.</li>"
                            "<li><b>Pengumpulan</b>: memindahkan sampah dari sumbernya ke tempat penampungan "
                            "sementara (TPS) atau tempat pengolahan sampah terpadu (TPST).</li>"
                            "<li><b>Pengangkutan</b>: membawa sampah ke tempat pemrosesan akhir (TPA).</li>"
                            "<li><b>Pengolahan</b>: mengubah karakteristik, komposisi, dan jumlah sampah.</li>"
                            "<li><b>Pemrosesan akhir</b>: mengembalikan sisa sampah ke media lingkungan secara "
                            "aman.</li>"
                            "</ol>"
                            "<p>Lokasi TPS, TPST, dan TPA ditetapkan oleh pemerintah kabupaten/kota (Pasal 9).</p>"
                        ),
                    ),
                    (
                        "callout",
                        {
                            "kind": "law",
                            "title": "UU 18/2008 Pasal 29: larangan",
                            "text": (
                                "<p>Setiap orang dilarang, antara lain:</p>"
                                "<ul><li>memasukkan sampah ke wilayah Indonesia;</li>"
                                "<li>mencampur sampah dengan limbah B3;</li>"
                                "<li>mengelola sampah sehingga mencemari atau merusak lingkungan;</li>"
                                "<li><b>membuang sampah tidak pada tempat yang ditentukan dan disediakan</b>;</li>"
                                "<li>menangani sampah dengan pembuangan terbuka di TPA;</li>"
                                "<li><b>membakar sampah</b> yang tidak sesuai dengan persyaratan teknis pengelolaan "
                                "sampah.</li>"
                                "</ul>"
                                "<p>Untuk tiga larangan terakhir, rinciannya diatur dengan peraturan daerah "
                                "kabupaten/kota, yang dapat menetapkan sanksi pidana kurungan atau denda (Pasal 29 "
                                "ayat (3) dan (4)).</p>"
                            ),
                        },
                    ),
                    (
                        "paragraph",
                        (
                            "<p>Undang-undang ini juga mewajibkan pemerintah daerah menutup TPA yang memakai sistem "
                            "pembuangan terbuka paling lama 5 tahun sejak undang-undang berlaku (Pasal 44). "
                            "Masyarakat dapat berperan dengan memberi usul, pertimbangan, dan saran, ikut merumuskan "
                            "kebijakan, serta memberi masukan dalam penyelesaian sengketa persampahan (Pasal 28).</p>"
                            "<h2>Yang bisa Anda lakukan</h2>"
                            "<ul><li>Kurangi dulu, baru kelola: bawa tas belanja dan botol minum sendiri, dan pilih "
                            "produk isi ulang.</li>"
                            "<li>Jangan membakar sampah di halaman. Asapnya mengganggu kesehatan tetangga dan "
                            "pembakaran yang tidak sesuai persyaratan teknis dilarang Pasal 29.</li>"
                            "<li>Buang sampah hanya di tempat yang disediakan, bukan di lahan kosong, parit, atau "
                            "sungai.</li>"
                            "<li>Tanyakan kepada pengelola perumahan, pasar, atau kantor Anda apakah fasilitas "
                            "pemilahan sudah tersedia (Pasal 13).</li>"
                            "<li>Gunakan hak ikut mengawasi: laporkan tempat pembuangan liar atau sampah yang tidak "
                            "terangkut.</li>"
                            "</ul>"
                        ),
                    ),
                    (
                        "key_terms",
                        {
                            "title": "Istilah penting",
                            "terms": [
                                {
                                    "term": "Timbulan sampah",
                                    "definition": (
                                        "Banyaknya sampah yang dihasilkan. “Pembatasan timbulan sampah” berarti "
                                        "berusaha agar sampah tidak muncul sejak awal."
                                    ),
                                },
                                {
                                    "term": "TPS",
                                    "definition": (
                                        "Tempat penampungan sementara: tempat sampah dikumpulkan sebelum diangkut ke "
                                        "tempat pengolahan atau TPA."
                                    ),
                                },
                                {
                                    "term": "TPST",
                                    "definition": (
                                        "Tempat pengolahan sampah terpadu: tempat pengumpulan, pemilahan, penggunaan "
                                        "ulang, pendauran ulang, pengolahan, dan pemrosesan akhir sampah."
                                    ),
                                },
                                {
                                    "term": "TPA",
                                    "definition": (
                                        "Tempat pemrosesan akhir: tempat sisa sampah dikembalikan ke media lingkungan "
                                        "secara aman."
                                    ),
                                },
                                {
                                    "term": "Pembuangan terbuka",
                                    "definition": (
                                        "Sampah ditumpuk begitu saja di TPA tanpa ditutup dan dikendalikan. Cara ini "
                                        "dilarang oleh UU 18/2008."
                                    ),
                                },
                            ],
                        },
                    ),
                ],
                "quiz": [
                    {
                        "kind": "multiple",
                        "prompt": (
                            "Menurut UU 18/2008 Pasal 29 ayat (1), manakah perbuatan yang dilarang? Pilih semua "
                            "jawaban yang benar."
                        ),
                        "choices": [
                            ("Membuang sampah tidak pada tempat yang ditentukan dan disediakan", True),
                            ("Mencampur sampah dengan limbah B3", True),
                            ("Membakar sampah yang tidak sesuai dengan persyaratan teknis pengelolaan sampah", True),
                            ("Memilah sampah rumah tangga sebelum dibuang", False),
                            ("Menyetor sampah yang dapat didaur ulang ke bank sampah", False),
                        ],
                        "explanation": (
                            "Ketiga perbuatan pertama tercantum sebagai larangan dalam UU 18/2008 Pasal 29(1). "
                            "Memilah sampah justru bagian dari penanganan sampah (Pasal 22), dan menyetor ke bank "
                            "sampah termasuk pendauran ulang (Pasal 20)."
                        ),
                    },
                    {
                        "kind": "single",
                        "prompt": (
                            "Sanksi pidana kurungan atau denda bagi orang yang membuang sampah tidak pada tempat yang "
                            "ditentukan dan disediakan ditetapkan melalui …"
                        ),
                        "choices": [
                            ("Undang-undang secara langsung", False),
                            ("Peraturan presiden", False),
                            ("Peraturan daerah kabupaten/kota", True),
                            ("Keputusan lurah", False),
                        ],
                        "explanation": (
                            "UU 18/2008 Pasal 29(3) dan (4) menyerahkan rincian larangan ini dan sanksinya kepada "
                            "peraturan daerah kabupaten/kota."
                        ),
                    },
                    {
                        "kind": "single",
                        "prompt": "Urutan kegiatan penanganan sampah menurut UU 18/2008 Pasal 22 adalah …",
                        "choices": [
                            ("Pemilahan, pengumpulan, pengangkutan, pengolahan, pemrosesan akhir", True),
                            ("Pengumpulan, pengangkutan, pemilahan, pemrosesan akhir, pengolahan", False),
                            ("Pengangkutan, pemilahan, pengolahan, pengumpulan, pemrosesan akhir", False),
                            ("Pemilahan, pengangkutan, pemrosesan akhir, pengumpulan, pengolahan", False),
                        ],
                        "explanation": (
                            "Pasal 22 dimulai dari pemilahan di sumber, lalu pengumpulan ke TPS atau TPST, "
                            "pengangkutan, pengolahan, dan terakhir pemrosesan akhir."
                        ),
                    },
                ],
            },
            {
                "slug": "memilah-sampah-dan-bank-sampah",
                "title": "Memilah Sampah Rumah Tangga dan Bank Sampah",
                "summary": (
                    "Lima jenis pemilahan sampah menurut PP 81/2012, tempat-tempat pengolahan sampah, bank sampah, "
                    "dan target nasional pengelolaan sampah."
                ),
                "estimated_minutes": 25,
                "body": [
                    (
                        "paragraph",
                        (
                            "<p>Undang-undang menetapkan arah; Peraturan Pemerintah Nomor 81 Tahun 2012 tentang "
                            "Pengelolaan Sampah Rumah Tangga dan Sampah Sejenis Sampah Rumah Tangga menjelaskan "
                            "caranya. Modul ini membahas apa artinya bagi dapur dan halaman rumah Anda.</p>"
                            "<h2>Kewajiban setiap orang</h2>"
                            "<p>Setiap orang wajib melakukan pengurangan dan penanganan sampah (PP 81/2012 Pasal 10 "
                            "ayat (2)). Pengurangan dilakukan dengan memakai bahan yang dapat dipakai ulang, didaur "
                            "ulang, atau mudah diurai alam, serta mengumpulkan dan menyerahkan kembali kemasan bekas "
                            "(Pasal 11 ayat (2)).</p>"
                            "<p>Produsen juga punya kewajiban: menyusun dan menjalankan program pembatasan timbulan "
                            "sampah, pendauran ulang, dan pemanfaatan kembali, termasuk menarik kembali kemasan "
                            "(Pasal 12–14). Kewajiban ini dijalankan bertahap menurut peta jalan 10 tahun (Pasal "
                            "15).</p>"
                            "<h2>Lima jenis pemilahan</h2>"
                            "<p>Pasal 17 ayat (2) menetapkan pemilahan sampah paling sedikit menjadi lima jenis:</p>"
                            "<ol><li>sampah yang mengandung bahan berbahaya dan beracun (B3) serta limbah B3, "
                            "misalnya baterai bekas dan lampu bekas;</li>"
                            "<li>sampah yang mudah terurai, misalnya sisa makanan dan daun;</li>"
                            "<li>sampah yang dapat digunakan kembali, misalnya botol kaca dan wadah yang masih "
                            "layak;</li>"
                            "<li>sampah yang dapat didaur ulang, misalnya kertas, kardus, kaleng, dan plastik "
                            "tertentu;</li>"
                            "<li>sampah lainnya.</li>"
                            "</ol>"
                            "<p>Pemilahan dilakukan oleh setiap orang di sumbernya, oleh pengelola kawasan, dan oleh "
                            "pemerintah kabupaten/kota (Pasal 17 ayat (1)). Wadahnya harus diberi label atau tanda, "
                            "serta dibedakan bahan, bentuk, dan/atau warnanya (Pasal 17 ayat (5)).</p>"
                            "<h2>Dari rumah ke TPA</h2>"
                            "<p>PP ini mendefinisikan tempat-tempat yang perlu Anda kenal (Pasal 1 angka 7–9):</p>"
                            "<ul><li><b>TPS 3R</b>: tempat pengumpulan, pemilahan, penggunaan ulang, dan pendauran "
                            "ulang sampah skala kawasan.</li>"
                            "<li><b>TPST</b>: tempat pengolahan sampah terpadu, termasuk pengolahan dan pemrosesan "
                            "akhir.</li>"
                            "<li><b>TPA</b>: tempat memproses dan mengembalikan sampah ke media lingkungan secara "
                            "aman.</li>"
                            "</ul>"
                            "<p>Pengelola kawasan menyediakan TPS, TPS 3R, atau alat pengumpul sampah terpilah; "
                            "pemerintah kabupaten/kota menyediakan TPS atau TPS 3R di kawasan permukiman. TPS harus "
                            "memungkinkan pemilahan lima jenis, mudah dijangkau, tidak mencemari lingkungan, dan "
                            "punya jadwal pengumpulan. Pengangkutan dari TPS atau TPS 3R ke TPA atau TPST menjadi "
                            "tugas pemerintah kabupaten/kota (Pasal 18–19).</p>"
                        ),
                    ),
                    (
                        "callout",
                        {
                            "kind": "law",
                            "title": "PP 81/2012 Pasal 35: peran serta masyarakat",
                            "text": (
                                "<p>Masyarakat dapat memberi usul, pertimbangan, dan saran; memberi masukan atas "
                                "kebijakan; dan menangani sampah rumah tangga secara mandiri atau bermitra dengan "
                                "pemerintah kabupaten/kota. Kelompok masyarakat dapat melakukan edukasi, kampanye, "
                                "dan pendampingan agar perilaku warga berubah.</p>"
                            ),
                        },
                    ),
                    (
                        "paragraph",
                        (
                            "<h2>Bank sampah</h2>"
                            "<p>Bank sampah diatur dalam Peraturan Menteri Lingkungan Hidup dan Kehutanan Nomor 14 "
                            "Tahun 2021 tentang Pengelolaan Sampah pada Bank Sampah, yang menggantikan aturan tahun "
                            "2012. Bank sampah adalah fasilitas untuk mengelola sampah dengan prinsip 3R, sekaligus "
                            "sarana edukasi, perubahan perilaku, dan ekonomi sirkular. Bank sampah dapat dibentuk "
                            "oleh masyarakat, badan usaha, dan/atau pemerintah daerah. Susunannya terdiri atas "
                            "<b>bank sampah induk</b> dan <b>bank sampah unit</b>.</p>"
                            "<p>Cara kerjanya umumnya sederhana: warga menyetor sampah yang sudah dipilah, sampah "
                            "ditimbang dan dicatat, lalu nilainya masuk ke tabungan anggota. Bank sampah unit di "
                            "tingkat lingkungan biasanya menyalurkan sampahnya ke bank sampah induk atau ke pendaur "
                            "ulang.</p>"
                        ),
                    ),
                    (
                        "callout",
                        {
                            "kind": "info",
                            "title": "Target nasional",
                            "text": (
                                "<p>Kebijakan dan Strategi Nasional (Jakstranas) dalam Peraturan Presiden Nomor 97 "
                                "Tahun 2017 menargetkan, pada tahun 2025, <b>pengurangan sampah 30%</b> dan "
                                "<b>penanganan sampah 70%</b> untuk sampah rumah tangga dan sampah sejenis sampah "
                                "rumah tangga.</p>"
                            ),
                        },
                    ),
                    (
                        "paragraph",
                        (
                            "<h2>Yang bisa Anda lakukan mulai minggu ini</h2>"
                            "<ul><li>Siapkan lima wadah berlabel sesuai lima jenis di atas. Tidak harus besar: kotak "
                            "kecil bertutup sudah cukup untuk baterai dan lampu bekas.</li>"
                            "<li>Olah sisa makanan dan daun menjadi kompos di halaman atau dalam ember "
                            "komposter.</li>"
                            "<li>Cuci dan keringkan kemasan sebelum disetor ke bank sampah agar mudah didaur "
                            "ulang.</li>"
                            "<li>Simpan botol dan wadah yang masih layak untuk dipakai lagi.</li>"
                            "<li>Ajak tetangga satu RT memilah bersama, sehingga pengangkutan dari TPS lebih "
                            "mudah.</li>"
                            "</ul>"
                        ),
                    ),
                    (
                        "key_terms",
                        {
                            "title": "Istilah penting",
                            "terms": [
                                {
                                    "term": "Pemilahan",
                                    "definition": (
                                        "Mengelompokkan sampah menurut jenisnya. Menurut PP 81/2012, paling sedikit "
                                        "lima jenis."
                                    ),
                                },
                                {
                                    "term": "TPS 3R",
                                    "definition": (
                                        "Tempat pengumpulan, pemilahan, penggunaan ulang, dan pendauran ulang sampah "
                                        "skala kawasan (PP 81/2012 Pasal 1 angka 7)."
                                    ),
                                },
                                {
                                    "term": "Bank sampah unit",
                                    "definition": (
                                        "Bank sampah di tingkat lingkungan yang menerima setoran sampah terpilah dari "
                                        "anggotanya."
                                    ),
                                },
                                {
                                    "term": "Bank sampah induk",
                                    "definition": (
                                        "Bank sampah yang menampung dan membina bank-bank sampah unit di wilayahnya."
                                    ),
                                },
                                {
                                    "term": "Jakstranas",
                                    "definition": (
                                        "Kebijakan dan Strategi Nasional pengelolaan sampah dalam Perpres 97/2017, "
                                        "dengan target pengurangan 30% dan penanganan 70% pada 2025."
                                    ),
                                },
                            ],
                        },
                    ),
                ],
                "quiz": [
                    {
                        "kind": "single",
                        "prompt": (
                            "Menurut PP 81/2012, sampah dipilah paling sedikit menjadi lima jenis. Yang BUKAN salah "
                            "satunya adalah …"
                        ),
                        "choices": [
                            ("Sampah yang mudah terurai", False),
                            ("Sampah yang dapat didaur ulang", False),
                            ("Sampah B3 dan limbah B3", False),
                            ("Sampah menurut warna kemasannya", True),
                        ],
                        "explanation": (
                            "PP 81/2012 Pasal 17(2) menyebut sampah B3 dan limbah B3, sampah mudah terurai, sampah "
                            "yang dapat digunakan kembali, sampah yang dapat didaur ulang, dan sampah lainnya. Warna "
                            "kemasan bukan dasar pemilahan."
                        ),
                    },
                    {
                        "kind": "single",
                        "prompt": (
                            "Tempat pengumpulan, pemilahan, penggunaan ulang, dan pendauran ulang sampah skala "
                            "kawasan disebut …"
                        ),
                        "choices": [("TPA", False), ("TPS 3R", True), ("TPST", False), ("Bank sampah induk", False)],
                        "explanation": (
                            "PP 81/2012 Pasal 1 angka 7 mendefinisikan TPS 3R. TPST juga mencakup pengolahan dan "
                            "pemrosesan akhir, sedangkan TPA adalah tempat pemrosesan akhir."
                        ),
                    },
                    {
                        "kind": "true_false",
                        "prompt": (
                            "Menurut PP 81/2012, kewajiban memilah sampah hanya berlaku bagi pemerintah "
                            "kabupaten/kota, bukan bagi warga."
                        ),
                        "choices": [("Benar", False), ("Salah", True)],
                        "explanation": (
                            "Salah. PP 81/2012 Pasal 17(1): pemilahan dilakukan oleh setiap orang di sumbernya, oleh "
                            "pengelola kawasan, dan oleh pemerintah kabupaten/kota."
                        ),
                    },
                ],
            },
            {
                "slug": "studi-kasus-sampah-di-balikpapan",
                "title": "Studi Kasus: Sampah di Kota Balikpapan",
                "summary": (
                    "Peraturan daerah, TPA Manggar, larangan plastik, bank sampah, dan TPST di Balikpapan, serta apa "
                    "yang bisa Anda lakukan di lingkungan sendiri."
                ),
                "estimated_minutes": 25,
                "body": [
                    (
                        "paragraph",
                        (
                            "<p>Setelah mengenal aturan nasional, mari melihat kota kita sendiri. Informasi di modul "
                            "ini berasal dari situs resmi pemerintah dan pemberitaan media. Angka dan tanggal dapat "
                            "berubah, jadi selalu cek informasi terbaru dari Dinas Lingkungan Hidup (DLH) Kota "
                            "Balikpapan.</p>"
                            "<h2>Aturan daerah</h2>"
                            "<p>Balikpapan mengatur sampah rumah tangga dan sampah sejenisnya melalui Peraturan "
                            "Daerah Kota Balikpapan Nomor 13 Tahun 2015, yang menggantikan Perda Nomor 10 Tahun 2004. "
                            "Perda ini diubah dengan <b>Perda Nomor 4 Tahun 2022</b>, yang menurut DLH mengatur "
                            "pengurangan, penanganan, kewajiban memilah sampah dari sumbernya, dan sanksi. Urusan "
                            "kebersihan ditangani DLH melalui Bidang Kebersihan.</p>"
                            "<p>Menurut DLH, Perda 4/2022 disosialisasikan pada 2023, penertiban pada 2024 masih "
                            "berupa peringatan, dan sanksi mulai diterapkan pada 2025. Sanksinya bertahap, dari "
                            "teguran lisan dan teguran tertulis sampai denda administratif. DLH juga mengimbau warga "
                            "membuang sampah ke TPS hanya pada pukul 18.00–06.00 WITA; tanyakan kepada ketua RT atau "
                            "kelurahan jadwal yang berlaku di lingkungan Anda.</p>"
                            "<h2>TPA Manggar</h2>"
                            "<p>Sampah kota berakhir di <b>TPA Manggar</b>, Jalan Proklamasi, Kelurahan Manggar, "
                            "Kecamatan Balikpapan Timur, yang dikelola unit pelaksana teknis daerah (UPTD) di bawah "
                            "DLH. TPA ini memakai sistem lahan urug saniter: sampah ditimbun berlapis dan ditutup "
                            "tanah, tidak dibiarkan terbuka. Gas metana dari timbunan sampah dialirkan melalui pipa "
                            "ke rumah warga sekitar untuk memasak. Perluasan TPA Manggar diresmikan Presiden Joko "
                            "Widodo pada Desember 2019.</p>"
                            "<p>TPA Manggar menerima sekitar 350–450 ton sampah per hari. Pada 2024–2025, lima dari "
                            "tujuh zona timbunannya dilaporkan sudah penuh, dan perkiraan pejabat tentang kapan TPA "
                            "ini penuh berkisar antara 2026 dan 2029. Pemerintah kota menyiapkan kerja sama "
                            "pemerintah dan badan usaha (KPBU) untuk teknologi pengolahan sampah, serta penambangan "
                            "kembali timbunan sampah lama.</p>"
                        ),
                    ),
                    (
                        "callout",
                        {
                            "kind": "warning",
                            "title": "Mengapa ini penting bagi Anda",
                            "text": (
                                "<p>Setiap kantong sampah yang tidak dipilah dan tidak dikurangi ikut mempercepat "
                                "penuhnya TPA Manggar. Memilah dan mengurangi sampah di rumah adalah cara paling "
                                "murah untuk memperpanjang umur TPA kota kita.</p>"
                            ),
                        },
                    ),
                    (
                        "paragraph",
                        (
                            "<h2>Aturan plastik</h2>"
                            "<p><b>Peraturan Wali Kota Nomor 8 Tahun 2018</b> tentang pengurangan penggunaan kantong "
                            "plastik melarang kantong plastik belanja di ritel modern mulai Juli 2018. Larangan ini "
                            "kemudian diperluas melalui <b>Perda Nomor 1 Tahun 2019</b>, yang mengatur pengurangan "
                            "plastik sekali pakai, dan <b>Peraturan Wali Kota Nomor 28 Tahun 2019</b>. Sejak 10 "
                            "Februari 2020, bertepatan dengan hari jadi kota, larangan juga berlaku di pasar "
                            "tradisional, rumah makan, dan tempat lain, sedangkan sedotan plastik dan stirofoam "
                            "dilarang di kawasan wisata. Balikpapan diberitakan sebagai kota kedua di Kalimantan yang "
                            "menerapkan larangan semacam ini, setelah Banjarmasin.</p>"
                            "<h2>Bank sampah dan TPST</h2>"
                            "<p>Melalui Surat Edaran Wali Kota Nomor 600.1.17.3/950/SETDA tanggal 1 Juni 2025, setiap "
                            "kelurahan diminta membentuk enam bank sampah unit dengan masing-masing paling sedikit "
                            "200 anggota, ditambah bank sampah induk di setiap kecamatan. Jumlah bank sampah yang "
                            "aktif dilaporkan berbeda-beda menurut waktu dan sumbernya, jadi tanyakan langsung ke "
                            "kelurahan Anda bank sampah mana yang terdekat.</p>"
                            "<p>Untuk pengolahan, TPST Kota Hijau di Gunung Guntur mulai beroperasi pada 2025, dan "
                            "TPST lain direncanakan atau sedang dibangun di Graha Indah, Km 12 (Karang Joang), dan "
                            "Telagasari. DLH melaporkan pengurangan sampah sekitar 30% pada 2025, dari target "
                            "50%.</p>"
                            "<h2>Yang bisa Anda lakukan</h2>"
                            "<ul><li>Daftar menjadi anggota bank sampah unit di kelurahan Anda, atau bentuk bersama "
                            "tetangga, LPM, PKK, atau Karang Taruna.</li>"
                            "<li>Bawa tas belanja sendiri ke pasar dan warung, karena larangan kantong plastik juga "
                            "berlaku di pasar tradisional.</li>"
                            "<li>Ikuti jadwal buang sampah di TPS lingkungan Anda, dan jangan membuang sampah di luar "
                            "TPS.</li>"
                            "<li>Laporkan TPS yang meluap atau tempat pembuangan liar kepada kelurahan, DLH, atau "
                            "lewat SP4N-LAPOR!.</li>"
                            "<li>Bawa pembahasan sampah ke forum warga dan musrenbang kelurahan, misalnya usulan "
                            "sarana pemilahan di TPS.</li>"
                            "</ul>"
                        ),
                    ),
                    (
                        "key_terms",
                        {
                            "title": "Istilah penting",
                            "terms": [
                                {
                                    "term": "DLH",
                                    "definition": (
                                        "Dinas Lingkungan Hidup Kota Balikpapan, perangkat daerah yang menangani "
                                        "kebersihan dan pengelolaan sampah kota."
                                    ),
                                },
                                {
                                    "term": "Lahan urug saniter",
                                    "definition": (
                                        "Cara pemrosesan akhir di TPA: sampah ditimbun berlapis dan ditutup tanah "
                                        "agar tidak mencemari lingkungan."
                                    ),
                                },
                                {
                                    "term": "UPTD",
                                    "definition": (
                                        "Unit pelaksana teknis daerah, unit di bawah dinas yang menjalankan tugas "
                                        "teknis tertentu, seperti mengelola TPA."
                                    ),
                                },
                                {
                                    "term": "KPBU",
                                    "definition": (
                                        "Kerja sama pemerintah dan badan usaha untuk membangun atau mengelola "
                                        "prasarana umum."
                                    ),
                                },
                                {
                                    "term": "Perwali",
                                    "definition": (
                                        "Peraturan wali kota, aturan yang ditetapkan wali kota, sering untuk "
                                        "melaksanakan peraturan daerah."
                                    ),
                                },
                            ],
                        },
                    ),
                ],
                "quiz": [
                    {
                        "kind": "single",
                        "prompt": (
                            "Tempat pemrosesan akhir sampah di Balikpapan yang memakai sistem lahan urug saniter dan "
                            "mengalirkan gas metana ke rumah warga sekitar adalah …"
                        ),
                        "choices": [
                            ("TPA Sepinggan", False),
                            ("TPA Manggar", True),
                            ("TPST Kota Hijau", False),
                            ("TPS 3R Gunung Bahagia", False),
                        ],
                        "explanation": (
                            "TPA Manggar di Kecamatan Balikpapan Timur adalah tempat pemrosesan akhir sampah kota. "
                            "TPST Kota Hijau adalah tempat pengolahan sampah, bukan TPA."
                        ),
                    },
                    {
                        "kind": "single",
                        "prompt": (
                            "Peraturan yang pertama kali melarang kantong plastik belanja di ritel modern Balikpapan, "
                            "berlaku mulai Juli 2018, adalah …"
                        ),
                        "choices": [
                            ("Peraturan Wali Kota Nomor 8 Tahun 2018", True),
                            ("Peraturan Daerah Nomor 4 Tahun 2022", False),
                            ("Peraturan Wali Kota Nomor 28 Tahun 2019", False),
                            ("Peraturan Daerah Nomor 13 Tahun 2015", False),
                        ],
                        "explanation": (
                            "Perwali 8/2018 menyasar ritel modern. Perda 1/2019 dan Perwali 28/2019 memperluas "
                            "larangan mulai 2020, sedangkan Perda 13/2015 dan perubahannya, Perda 4/2022, mengatur "
                            "pengelolaan sampah rumah tangga."
                        ),
                    },
                    {
                        "kind": "true_false",
                        "prompt": (
                            "Melalui surat edaran wali kota tanggal 1 Juni 2025, setiap kelurahan di Balikpapan "
                            "diminta membentuk enam bank sampah unit."
                        ),
                        "choices": [("Benar", True), ("Salah", False)],
                        "explanation": (
                            "Benar. Surat Edaran Wali Kota Nomor 600.1.17.3/950/SETDA meminta setiap kelurahan "
                            "membentuk enam bank sampah unit, masing-masing dengan paling sedikit 200 anggota, "
                            "ditambah bank sampah induk di setiap kecamatan."
                        ),
                    },
                ],
            },
        ],
    },
    {
        "slug": "anggaran-kelurahan-desa-dan-musrenbang",
        "title": "Anggaran Kelurahan/Desa dan Musrenbang",
        "topic": "anggaran",
        "organisation": "dp3akb-kota-balikpapan",
        "summary": (
            "Pahami dari mana uang pembangunan desa dan kelurahan berasal, bagaimana anggarannya disusun dan diawasi, "
            "dan bagaimana warga Balikpapan mengusulkan serta memantau kegiatan lewat musrenbang."
        ),
        "outcomes": [
            "Membedakan Dana Desa, Alokasi Dana Desa, dan anggaran kelurahan.",
            "Menjelaskan siklus APB Desa dan informasi anggaran yang wajib diumumkan.",
            "Menjelaskan dasar hukum anggaran sarana-prasarana dan pemberdayaan masyarakat di kelurahan.",
            "Menyusun usulan untuk musrenbang kelurahan dan memantau pelaksanaannya.",
        ],
        "duration_hours": 4,
        "modules": [
            {
                "slug": "desa-dana-desa-dan-musyawarah-desa",
                "title": "Desa, Dana Desa, dan Musyawarah Desa",
                "summary": (
                    "Bagaimana desa mengelola uangnya menurut UU 6/2014: sumber pendapatan, Musyawarah Desa, BPD, dan "
                    "hak warga untuk mengawasi."
                ),
                "estimated_minutes": 25,
                "body": [
                    (
                        "paragraph",
                        (
                            "<p>Kota Balikpapan terdiri atas enam kecamatan dan 34 kelurahan; tidak ada desa. Lalu "
                            "mengapa warga Balikpapan perlu belajar tentang desa? Karena aturan desa adalah contoh "
                            "paling lengkap tentang cara warga ikut menyusun dan mengawasi anggaran, dan banyak dari "
                            "kita punya keluarga di desa. Setelah memahami desa, perbedaannya dengan kelurahan (modul "
                            "ketiga) akan lebih mudah dimengerti.</p>"
                            "<h2>Asas dan kewenangan</h2>"
                            "<p>Dasar hukumnya UU Nomor 6 Tahun 2014 tentang Desa, yang disahkan 15 Januari 2014 dan "
                            "sudah diubah, terakhir dengan UU Nomor 3 Tahun 2024. Pemerintahan desa berasaskan, "
                            "antara lain, <b>keterbukaan</b>, <b>akuntabilitas</b>, dan <b>partisipatif</b> (Pasal "
                            "24). Kepala desa memegang kekuasaan pengelolaan keuangan desa dan dapat melimpahkan "
                            "sebagiannya kepada perangkat desa (Pasal 26 dan Pasal 75).</p>"
                            "<h2>Musyawarah Desa dan BPD</h2>"
                            "<p><b>Musyawarah Desa</b> (Pasal 54) adalah forum Badan Permusyawaratan Desa (BPD), "
                            "pemerintah desa, dan unsur masyarakat untuk membahas hal-hal strategis: penataan desa, "
                            "perencanaan desa, kerja sama desa, rencana investasi yang masuk ke desa, pembentukan BUM "
                            "Desa, aset desa, dan kejadian luar biasa. Musyawarah ini diadakan <b>paling sedikit "
                            "sekali dalam satu tahun</b> dan dibiayai APB Desa.</p>"
                            "<p><b>BPD</b> membahas dan menyepakati rancangan peraturan desa bersama kepala desa, "
                            "menampung dan menyalurkan aspirasi warga, serta mengawasi kinerja kepala desa (Pasal "
                            "55).</p>"
                            "<h2>Dari mana uang desa?</h2>"
                            "<p>Pasal 72 menyebut sumber pendapatan desa, antara lain:</p>"
                            "<ul><li>pendapatan asli desa;</li>"
                            "<li>alokasi dari APBN, yang dikenal sebagai <b>Dana Desa</b>;</li>"
                            "<li>bagian paling sedikit 10% dari pajak daerah dan retribusi daerah "
                            "kabupaten/kota;</li>"
                            "<li><b>Alokasi Dana Desa (ADD)</b>, paling sedikit 10% dari dana perimbangan yang "
                            "diterima kabupaten/kota setelah dikurangi Dana Alokasi Khusus (DAK);</li>"
                            "<li>bantuan keuangan dari APBD provinsi dan APBD kabupaten/kota;</li>"
                            "<li>hibah dan sumbangan, serta pendapatan lain yang sah.</li>"
                            "</ul>"
                        ),
                    ),
                    (
                        "callout",
                        {
                            "kind": "law",
                            "title": "PP 60/2014 tentang Dana Desa",
                            "text": (
                                "<p><b>Dana Desa</b> adalah dana APBN untuk desa yang ditransfer melalui APBD "
                                "kabupaten/kota, untuk membiayai pemerintahan, pembangunan, pembinaan kemasyarakatan, "
                                "dan pemberdayaan masyarakat (Pasal 1 angka 2). Penggunaannya diprioritaskan untuk "
                                "<b>pembangunan dan pemberdayaan masyarakat</b> (Pasal 19). Dana Desa hanya untuk "
                                "desa, <b>bukan untuk kelurahan</b>.</p>"
                            ),
                        },
                    ),
                    (
                        "paragraph",
                        (
                            "<h2>APB Desa dan perencanaan</h2>"
                            "<p>APB Desa terdiri atas pendapatan, belanja, dan pembiayaan. Rancangannya diajukan "
                            "kepala desa, dimusyawarahkan dengan BPD, lalu ditetapkan setiap tahun dengan peraturan "
                            "desa (Pasal 73).</p>"
                            "<p>Desa hanya punya dua dokumen perencanaan, dan keduanya ditetapkan dengan peraturan "
                            "desa: <b>RPJM Desa</b> (jangka menengah) dan <b>RKP Desa</b> (tahunan). Pemerintah desa "
                            "wajib menyelenggarakan musyawarah perencanaan pembangunan desa bersama BPD dan "
                            "masyarakat (Pasal 79–80). Menurut PP Nomor 43 Tahun 2014 (Pasal 116–118), penyusunan RKP "
                            "Desa dimulai pada bulan <b>Juli</b> dan ditetapkan paling lambat <b>akhir September</b>. "
                            "RKP Desa menjadi dasar penyusunan APB Desa.</p>"
                            "<h2>Hak dan kewajiban warga desa</h2>"
                            "<p>Menurut Pasal 68, warga desa berhak meminta dan mendapatkan informasi dari pemerintah "
                            "desa, mengawasi penyelenggaraan pemerintahan dan pembangunan desa, mendapat pelayanan "
                            "yang sama dan adil, menyampaikan aspirasi dan pendapat, serta dipilih dan memilih. "
                            "Kewajibannya antara lain menjaga lingkungan desa, mendorong pemerintahan desa yang baik, "
                            "menjaga ketenteraman, menjunjung musyawarah dan gotong royong, serta berpartisipasi "
                            "dalam kegiatan desa.</p>"
                            "<p>Warga juga berhak mendapat informasi tentang rencana dan pelaksanaan pembangunan "
                            "desa, memantaunya, dan melaporkan temuan atau keluhan kepada pemerintah desa dan BPD "
                            "(Pasal 82). Pemerintah desa wajib mengumumkan RPJM Desa, RKP Desa, dan APB Desa, "
                            "melaporkan pelaksanaannya dalam Musyawarah Desa paling sedikit setahun sekali, dan "
                            "membuka Sistem Informasi Desa bagi warga (Pasal 82 dan 86).</p>"
                        ),
                    ),
                    (
                        "callout",
                        {
                            "kind": "tip",
                            "title": "Saat berkunjung ke desa keluarga",
                            "text": (
                                "<ul><li>Lihat papan informasi APB Desa di kantor desa atau tempat umum.</li>"
                                "<li>Tanyakan jadwal Musyawarah Desa; warga boleh hadir sebagai unsur "
                                "masyarakat.</li>"
                                "<li>Sampaikan temuan tentang pembangunan yang tidak sesuai rencana kepada BPD atau "
                                "pemerintah desa.</li>"
                                "</ul>"
                            ),
                        },
                    ),
                    (
                        "key_terms",
                        {
                            "title": "Istilah penting",
                            "terms": [
                                {
                                    "term": "BPD",
                                    "definition": (
                                        "Badan Permusyawaratan Desa: menyepakati peraturan desa bersama kepala desa, "
                                        "menyalurkan aspirasi warga, dan mengawasi kepala desa."
                                    ),
                                },
                                {
                                    "term": "Musyawarah Desa",
                                    "definition": (
                                        "Forum BPD, pemerintah desa, dan unsur masyarakat untuk memutuskan hal "
                                        "strategis desa, paling sedikit sekali setahun."
                                    ),
                                },
                                {
                                    "term": "Dana Desa",
                                    "definition": (
                                        "Dana APBN untuk desa yang disalurkan melalui APBD kabupaten/kota. Kelurahan "
                                        "tidak menerima Dana Desa."
                                    ),
                                },
                                {
                                    "term": "Alokasi Dana Desa (ADD)",
                                    "definition": (
                                        "Bagian dari dana perimbangan kabupaten/kota untuk desa, paling sedikit 10% "
                                        "setelah dikurangi DAK."
                                    ),
                                },
                                {
                                    "term": "RKP Desa",
                                    "definition": (
                                        "Rencana kerja pemerintah desa untuk satu tahun, dasar penyusunan APB Desa."
                                    ),
                                },
                            ],
                        },
                    ),
                ],
                "quiz": [
                    {
                        "kind": "single",
                        "prompt": "Menurut UU 6/2014, Musyawarah Desa dilaksanakan paling sedikit …",
                        "choices": [
                            ("Sebulan sekali", False),
                            ("Enam bulan sekali", False),
                            ("Sekali dalam satu tahun", True),
                            ("Lima tahun sekali", False),
                        ],
                        "explanation": (
                            "UU 6/2014 Pasal 54(3): Musyawarah Desa diselenggarakan paling sedikit sekali dalam satu "
                            "tahun dan dibiayai APB Desa."
                        ),
                    },
                    {
                        "kind": "single",
                        "prompt": "Alokasi Dana Desa (ADD) paling sedikit sebesar …",
                        "choices": [
                            ("5% dari APBD kabupaten/kota", False),
                            ("10% dari dana perimbangan yang diterima kabupaten/kota setelah dikurangi DAK", True),
                            ("20% dari APBN", False),
                            ("Sama dengan Dana Desa terendah", False),
                        ],
                        "explanation": (
                            "UU 6/2014 Pasal 72(4) menetapkan ADD paling sedikit 10% dari dana perimbangan yang "
                            "diterima kabupaten/kota setelah dikurangi DAK. Dana Desa adalah alokasi terpisah dari "
                            "APBN."
                        ),
                    },
                    {
                        "kind": "multiple",
                        "prompt": (
                            "Menurut UU 6/2014 Pasal 68, manakah yang termasuk hak masyarakat desa? Pilih semua "
                            "jawaban yang benar."
                        ),
                        "choices": [
                            ("Meminta dan mendapatkan informasi dari pemerintah desa", True),
                            ("Mengawasi penyelenggaraan pemerintahan dan pembangunan desa", True),
                            ("Menyampaikan aspirasi dan pendapat", True),
                            ("Menetapkan APB Desa tanpa persetujuan BPD", False),
                            ("Memberhentikan kepala desa secara langsung", False),
                        ],
                        "explanation": (
                            "Pasal 68 memberi hak atas informasi, pengawasan, dan penyampaian aspirasi. APB Desa "
                            "ditetapkan dengan peraturan desa setelah dibahas kepala desa bersama BPD (Pasal 73), "
                            "bukan oleh warga sendiri. Memberhentikan kepala desa juga tidak termasuk hak warga dalam "
                            "Pasal 68."
                        ),
                    },
                ],
            },
            {
                "slug": "siklus-apb-desa",
                "title": "Siklus APB Desa",
                "summary": (
                    "Lima tahap pengelolaan keuangan desa menurut Permendagri 20/2018, tenggat penting setiap tahun, "
                    "dan informasi yang wajib diumumkan kepala desa."
                ),
                "estimated_minutes": 25,
                "body": [
                    (
                        "paragraph",
                        (
                            "<p>Uang desa dikelola dalam satu siklus setiap tahun. Aturan rincinya ada dalam "
                            "Peraturan Menteri Dalam Negeri Nomor 20 Tahun 2018 tentang Pengelolaan Keuangan Desa, "
                            "yang menggantikan Permendagri Nomor 113 Tahun 2014. Permendagri ini ditetapkan 11 April "
                            "2018 dan diundangkan 8 Mei 2018, untuk melaksanakan PP 43/2014 Pasal 106.</p>"
                            "<h2>Lima tahap</h2>"
                            "<ol><li><b>Perencanaan</b>: menyusun rancangan APB Desa berdasarkan RKP Desa.</li>"
                            "<li><b>Pelaksanaan</b>: menjalankan kegiatan dan membelanjakan anggaran.</li>"
                            "<li><b>Penatausahaan</b>: mencatat setiap penerimaan dan pengeluaran.</li>"
                            "<li><b>Pelaporan</b>: menyampaikan laporan pelaksanaan APB Desa.</li>"
                            "<li><b>Pertanggungjawaban</b>: mempertanggungjawabkan realisasi APB Desa.</li>"
                            "</ol>"
                            "<p>Keuangan desa dikelola dengan asas transparan, akuntabel, partisipatif, serta tertib "
                            "dan disiplin anggaran. Tahun anggarannya mulai 1 Januari sampai 31 Desember.</p>"
                            "<h2>Perencanaan dan evaluasi</h2>"
                            "<p>Sekretaris desa menyusun rancangan peraturan desa tentang APB Desa berdasarkan RKP "
                            "Desa. Kepala desa menyampaikannya kepada BPD, dan keduanya menyepakati rancangan itu "
                            "paling lambat <b>bulan Oktober</b> tahun berjalan.</p>"
                            "<p>Rancangan yang sudah disepakati lalu dievaluasi oleh bupati/wali kota, yang dapat "
                            "mendelegasikannya kepada camat. Hasil evaluasi disampaikan paling lama <b>20 hari "
                            "kerja</b>; jika hasilnya tidak disampaikan dalam waktu itu, peraturan desa tersebut "
                            "berlaku dengan sendirinya. Jika rancangan dinilai bertentangan dengan kepentingan umum, "
                            "peraturan yang lebih tinggi, atau RKP Desa, kepala desa dan BPD wajib memperbaikinya "
                            "paling lama 20 hari kerja. Jika tidak diperbaiki, bupati/wali kota membatalkannya (Pasal "
                            "35–36).</p>"
                            "<h2>Lima bidang belanja</h2>"
                            "<ul><li>penyelenggaraan pemerintahan desa;</li>"
                            "<li>pelaksanaan pembangunan desa;</li>"
                            "<li>pembinaan kemasyarakatan desa;</li>"
                            "<li>pemberdayaan masyarakat desa;</li>"
                            "<li>penanggulangan bencana, keadaan darurat, dan mendesak.</li>"
                            "</ul>"
                            "<p>Dengan mengenali lima bidang ini, Anda dapat membaca APB Desa dan membandingkan "
                            "berapa yang dipakai untuk pembangunan dan pemberdayaan dengan yang dipakai untuk "
                            "pemerintahan desa.</p>"
                        ),
                    ),
                    (
                        "callout",
                        {
                            "kind": "law",
                            "title": "Permendagri 20/2018 Pasal 39 dan 72: wajib diumumkan",
                            "text": (
                                "<p>Kepala desa wajib mengumumkan informasi APB Desa melalui media informasi, paling "
                                "sedikit: <b>APB Desa</b>, <b>pelaksana kegiatan anggaran dan timnya</b>, serta "
                                "<b>alamat pengaduan</b> (Pasal 39).</p>"
                                "<p>Laporan juga wajib diumumkan, antara lain realisasi APB Desa, realisasi kegiatan, "
                                "kegiatan yang belum selesai atau tidak terlaksana, sisa anggaran, dan alamat "
                                "pengaduan (Pasal 72).</p>"
                            ),
                        },
                    ),
                    (
                        "paragraph",
                        (
                            "<h2>Pelaporan dan pertanggungjawaban</h2>"
                            "<p>Kepala desa menyampaikan laporan realisasi pelaksanaan APB Desa semester pertama "
                            "kepada bupati/wali kota melalui camat paling lambat <b>akhir bulan Juli</b> tahun "
                            "berjalan (PP 43/2014 Pasal 103). Laporan pertanggungjawaban realisasi APB Desa "
                            "disampaikan paling lambat <b>3 bulan</b> setelah tahun anggaran berakhir, dan ditetapkan "
                            "dengan peraturan desa.</p>"
                            "<h2>Yang bisa Anda lakukan</h2>"
                            "<ul><li>Bandingkan papan atau baliho APB Desa dengan kegiatan yang benar-benar terlihat "
                            "di lapangan.</li>"
                            "<li>Ingat bulan-bulan penting: Juli (RKP Desa mulai disusun dan laporan semester pertama "
                            "disampaikan), September (RKP Desa ditetapkan), dan Oktober (rancangan APB Desa "
                            "disepakati).</li>"
                            "<li>Jika papan informasi tidak mencantumkan alamat pengaduan, tanyakan kepada BPD atau "
                            "kantor desa.</li>"
                            "<li>Untuk dokumen yang tidak diumumkan, ajukan permohonan informasi publik (lihat kursus "
                            "Hak dan Kewajiban Warga Negara, modul Hak atas Informasi Publik).</li>"
                            "</ul>"
                        ),
                    ),
                    (
                        "key_terms",
                        {
                            "title": "Istilah penting",
                            "terms": [
                                {
                                    "term": "APB Desa",
                                    "definition": (
                                        "Anggaran pendapatan dan belanja desa untuk satu tahun, ditetapkan dengan "
                                        "peraturan desa."
                                    ),
                                },
                                {
                                    "term": "Penatausahaan",
                                    "definition": "Pencatatan setiap penerimaan dan pengeluaran keuangan desa.",
                                },
                                {
                                    "term": "Realisasi",
                                    "definition": (
                                        "Jumlah yang benar-benar diterima atau dibelanjakan, dibandingkan dengan yang "
                                        "direncanakan."
                                    ),
                                },
                                {
                                    "term": "Laporan pertanggungjawaban",
                                    "definition": (
                                        "Laporan akhir tahun tentang realisasi APB Desa, disampaikan paling lambat 3 "
                                        "bulan setelah tahun anggaran berakhir."
                                    ),
                                },
                                {
                                    "term": "Alamat pengaduan",
                                    "definition": (
                                        "Tempat warga menyampaikan keluhan tentang APB Desa; wajib dicantumkan dalam "
                                        "informasi yang diumumkan."
                                    ),
                                },
                            ],
                        },
                    ),
                ],
                "quiz": [
                    {
                        "kind": "single",
                        "prompt": (
                            "Rancangan peraturan desa tentang APB Desa disepakati bersama oleh kepala desa dan BPD "
                            "paling lambat …"
                        ),
                        "choices": [
                            ("Bulan Januari tahun berjalan", False),
                            ("Bulan Juli tahun berjalan", False),
                            ("Bulan Oktober tahun berjalan", True),
                            ("31 Desember tahun berikutnya", False),
                        ],
                        "explanation": (
                            "Menurut aturan pengelolaan keuangan desa, rancangan APB Desa disepakati paling lambat "
                            "bulan Oktober, agar masih ada waktu untuk evaluasi oleh bupati/wali kota sebelum tahun "
                            "anggaran dimulai 1 Januari."
                        ),
                    },
                    {
                        "kind": "single",
                        "prompt": (
                            "Menurut Permendagri 20/2018 Pasal 39, informasi APB Desa yang wajib diumumkan kepala "
                            "desa paling sedikit memuat …"
                        ),
                        "choices": [
                            ("Gaji seluruh perangkat desa", False),
                            ("APB Desa, pelaksana kegiatan anggaran dan timnya, serta alamat pengaduan", True),
                            ("Daftar nama penerima bantuan beserta NIK", False),
                            ("Hasil audit Badan Pemeriksa Keuangan", False),
                        ],
                        "explanation": (
                            "Pasal 39 meminta tiga hal: APB Desa, pelaksana kegiatan dan timnya, serta alamat "
                            "pengaduan. Ketiganya membuat warga tahu anggarannya, siapa pelaksananya, dan ke mana "
                            "mengadu. Mengumumkan NIK warga justru berisiko melanggar pelindungan data pribadi."
                        ),
                    },
                    {
                        "kind": "true_false",
                        "prompt": (
                            "Laporan realisasi pelaksanaan APB Desa semester pertama disampaikan kepada bupati/wali "
                            "kota melalui camat paling lambat akhir bulan Juli tahun berjalan."
                        ),
                        "choices": [("Benar", True), ("Salah", False)],
                        "explanation": (
                            "Benar. PP 43/2014 Pasal 103 menetapkan laporan semester pertama disampaikan paling "
                            "lambat akhir bulan Juli tahun berjalan."
                        ),
                    },
                ],
            },
            {
                "slug": "anggaran-kelurahan-di-kota",
                "title": "Anggaran Kelurahan di Kota",
                "summary": (
                    "Kelurahan tidak menerima Dana Desa. Pelajari dari mana anggaran sarana-prasarana dan "
                    "pemberdayaan masyarakat di kelurahan berasal dan siapa yang mengelolanya."
                ),
                "estimated_minutes": 25,
                "body": [
                    (
                        "paragraph",
                        (
                            "<p>Di Balikpapan, seluruh wilayah terdiri atas kelurahan. Kelurahan berbeda dari desa "
                            "dalam banyak hal, termasuk soal uang. Modul ini menjelaskan dari mana anggaran "
                            "pembangunan dan pemberdayaan di kelurahan berasal, siapa yang mengelolanya, dan di mana "
                            "warga bisa ikut menentukan penggunaannya.</p>"
                            "<h2>Kelurahan bukan desa</h2>"
                            "<p>Kelurahan dibentuk dengan peraturan daerah kabupaten/kota. <b>Lurah</b> adalah "
                            "pegawai negeri sipil yang menjadi perangkat kecamatan dan bertanggung jawab kepada "
                            "camat. Tugas lurah antara lain memberdayakan masyarakat, melaksanakan pelayanan "
                            "masyarakat, serta memelihara prasarana dan fasilitas pelayanan umum (UU Nomor 23 Tahun "
                            "2014 tentang Pemerintahan Daerah, Pasal 229). Karena itu kelurahan tidak memiliki APB "
                            "sendiri seperti desa, dan tidak menerima Dana Desa.</p>"
                        ),
                    ),
                    (
                        "callout",
                        {
                            "kind": "law",
                            "title": "PP 17/2018 tentang Kecamatan, Pasal 30",
                            "text": (
                                "<ul><li>Pemerintah kabupaten/kota wajib menganggarkan dana dalam APBD untuk "
                                "<b>pembangunan sarana dan prasarana kelurahan</b> dan <b>pemberdayaan masyarakat di "
                                "kelurahan</b>.</li>"
                                "<li>Anggaran itu dimasukkan ke dalam anggaran <b>kecamatan</b>, pada bagian anggaran "
                                "kelurahan.</li>"
                                "<li><b>Lurah</b> berkedudukan sebagai kuasa pengguna anggaran dan menunjuk pejabat "
                                "penatausahaan keuangan.</li>"
                                "<li>Kegiatannya ditentukan melalui <b>musyawarah pembangunan kelurahan</b>, dan "
                                "pelaksanaannya melibatkan kelompok masyarakat dan/atau organisasi "
                                "kemasyarakatan.</li>"
                                "<li>Kota yang tidak memiliki desa wajib mengalokasikan paling sedikit <b>5% dari "
                                "APBD setelah dikurangi DAK</b>.</li>"
                                "</ul>"
                            ),
                        },
                    ),
                    (
                        "paragraph",
                        (
                            "<p>Untuk kabupaten yang memiliki kelurahan dan kota yang memiliki desa, besarnya paling "
                            "sedikit sama dengan Dana Desa terendah yang diterima desa di daerah itu (Pasal 30 ayat "
                            "(8)). Karena Balikpapan hanya terdiri atas kelurahan, ketentuan untuk kota tanpa desa "
                            "itulah yang relevan. PP ini ditetapkan 3 Mei 2018 dan diundangkan 8 Mei 2018.</p>"
                            "<h2>Untuk apa dananya?</h2>"
                            "<p>Peraturan Menteri Dalam Negeri Nomor 130 Tahun 2018 tentang Kegiatan Pembangunan "
                            "Sarana dan Prasarana Kelurahan dan Pemberdayaan Masyarakat di Kelurahan memberi "
                            "panduan:</p>"
                            "<ul><li><b>Sarana dan prasarana</b>: lingkungan permukiman (air minum, drainase, sumur "
                            "resapan, sarana persampahan), transportasi (jalan lingkungan permukiman), kesehatan (MCK "
                            "komunal, Posyandu, Posbindu), serta pendidikan dan kebudayaan.</li>"
                            "<li><b>Pemberdayaan masyarakat</b>: layanan kesehatan, pendidikan dan kebudayaan, usaha "
                            "mikro, kecil, dan menengah, penguatan lembaga kemasyarakatan, ketenteraman dan "
                            "ketertiban termasuk Linmas, serta kesiapsiagaan menghadapi bencana dan wabah.</li>"
                            "</ul>"
                            "<h2>Sejarah singkat “dana kelurahan”</h2>"
                            "<p>Dalam APBN 2019, pemerintah pusat menambah Dana Alokasi Umum (DAU) sebesar Rp3 "
                            "triliun untuk 8.212 kelurahan di 410 kabupaten/kota. Inilah yang dulu populer disebut "
                            "“dana kelurahan”. Menurut Direktorat Jenderal Perimbangan Keuangan Kementerian Keuangan, "
                            "sejak 2021 tambahan itu dilebur ke dalam DAU biasa, sehingga pendanaan kelurahan "
                            "diharapkan berasal dari APBD.</p>"
                            "<p>Di Balikpapan, setiap kelurahan diberitakan menerima sekitar Rp352 juta pada 2019 "
                            "dari tambahan DAU. Pada 2020, pemerintah kota menganggarkan Rp1 miliar per kelurahan "
                            "dari APBD kota, untuk pemberdayaan dan sarana-prasarana yang dipilih lewat musyawarah di "
                            "kelurahan. Contoh penggunaan yang diberitakan: penerangan jalan umum, drainase, dan "
                            "pelatihan keterampilan seperti perbengkelan dan menjahit. Angka Rp1 miliar itu adalah "
                            "kebijakan kota, bukan aturan nasional, sehingga besarnya dapat berubah dari tahun ke "
                            "tahun.</p>"
                        ),
                    ),
                    (
                        "callout",
                        {
                            "kind": "info",
                            "title": "Bayangkan: saluran air di Gunung Bahagia",
                            "text": (
                                "<p>Warga sebuah RT di Kelurahan Gunung Bahagia mengeluhkan saluran air yang meluap "
                                "setiap hujan deras. Mereka mengukur panjang saluran, memotret titik yang tersumbat, "
                                "lalu membawa usulan perbaikan drainase ke musyawarah pembangunan kelurahan. Jika "
                                "disepakati, kegiatan itu dibiayai dari bagian anggaran kelurahan dalam anggaran "
                                "Kecamatan Balikpapan Selatan, lurah bertindak sebagai kuasa pengguna anggaran, dan "
                                "kelompok warga dapat dilibatkan dalam pelaksanaannya.</p>"
                            ),
                        },
                    ),
                    (
                        "paragraph",
                        (
                            "<h2>Yang bisa Anda lakukan</h2>"
                            "<ul><li>Tanyakan di kantor kelurahan kapan musyawarah pembangunan kelurahan diadakan dan "
                            "bagaimana warga dapat ikut.</li>"
                            "<li>Minta daftar kegiatan dan anggaran kelurahan tahun ini melalui PPID. Rencana kerja "
                            "proyek beserta perkiraan pengeluaran tahunannya termasuk informasi yang wajib tersedia "
                            "setiap saat (UU 14/2008 Pasal 11).</li>"
                            "<li>Ajak lembaga kemasyarakatan seperti LPM, PKK, atau Karang Taruna terlibat dalam "
                            "pelaksanaan kegiatan, sesuai PP 17/2018 Pasal 30 ayat (6).</li>"
                            "<li>Pantau hasilnya: apakah saluran, lampu jalan, atau pelatihan yang dianggarkan "
                            "benar-benar terlaksana.</li>"
                            "</ul>"
                        ),
                    ),
                    (
                        "key_terms",
                        {
                            "title": "Istilah penting",
                            "terms": [
                                {
                                    "term": "Lurah",
                                    "definition": (
                                        "Pegawai negeri sipil yang memimpin kelurahan sebagai perangkat kecamatan dan "
                                        "bertanggung jawab kepada camat."
                                    ),
                                },
                                {
                                    "term": "Kuasa pengguna anggaran",
                                    "definition": (
                                        "Pejabat yang diberi kuasa menggunakan anggaran. Untuk anggaran kelurahan, "
                                        "kedudukan ini dipegang lurah (PP 17/2018 Pasal 30)."
                                    ),
                                },
                                {
                                    "term": "DAK",
                                    "definition": (
                                        "Dana Alokasi Khusus: dana dari APBN untuk kegiatan khusus di daerah. "
                                        "Dikurangkan dulu sebelum menghitung batas 5% anggaran kelurahan."
                                    ),
                                },
                                {
                                    "term": "Musyawarah pembangunan kelurahan",
                                    "definition": (
                                        "Forum di kelurahan untuk menentukan kegiatan sarana-prasarana dan "
                                        "pemberdayaan masyarakat yang akan dibiayai."
                                    ),
                                },
                                {
                                    "term": "LPM",
                                    "definition": (
                                        "Lembaga Pemberdayaan Masyarakat, lembaga kemasyarakatan di kelurahan yang "
                                        "menjadi mitra dalam pemberdayaan dan pembangunan."
                                    ),
                                },
                            ],
                        },
                    ),
                ],
                "quiz": [
                    {
                        "kind": "single",
                        "prompt": (
                            "Untuk kota yang tidak memiliki desa, seperti Balikpapan, anggaran kelurahan menurut PP "
                            "17/2018 paling sedikit …"
                        ),
                        "choices": [
                            ("10% dari dana perimbangan", False),
                            ("5% dari APBD setelah dikurangi DAK", True),
                            ("Sebesar Dana Desa terendah", False),
                            ("Rp1 miliar per kelurahan", False),
                        ],
                        "explanation": (
                            "PP 17/2018 Pasal 30(7) menetapkan paling sedikit 5% dari APBD setelah dikurangi DAK. "
                            "Angka Rp1 miliar adalah kebijakan Kota Balikpapan pada 2020, bukan aturan nasional."
                        ),
                    },
                    {
                        "kind": "single",
                        "prompt": (
                            "Dalam pelaksanaan anggaran sarana-prasarana dan pemberdayaan masyarakat di kelurahan, "
                            "yang berkedudukan sebagai kuasa pengguna anggaran adalah …"
                        ),
                        "choices": [("Ketua RT", False), ("Ketua LPM", False), ("Lurah", True), ("Wali kota", False)],
                        "explanation": (
                            "PP 17/2018 Pasal 30(3): lurah berkedudukan sebagai kuasa pengguna anggaran. RT dan LPM "
                            "dapat dilibatkan dalam pelaksanaan kegiatan."
                        ),
                    },
                    {
                        "kind": "true_false",
                        "prompt": "Kelurahan di Balikpapan menerima Dana Desa dari APBN, sama seperti desa.",
                        "choices": [("Benar", False), ("Salah", True)],
                        "explanation": (
                            "Salah. Dana Desa hanya untuk desa (PP 60/2014 Pasal 1 angka 2). Anggaran kelurahan "
                            "berasal dari APBD kabupaten/kota dan ditempatkan dalam anggaran kecamatan (PP 17/2018 "
                            "Pasal 30)."
                        ),
                    },
                ],
            },
            {
                "slug": "musrenbang-mengusulkan-dan-memantau",
                "title": "Musrenbang: Mengusulkan dan Memantau",
                "summary": (
                    "Jenjang dan jadwal musrenbang, hak warga untuk ikut merencanakan dan mengawasi pembangunan, "
                    "serta cara menyusun usulan yang kuat."
                ),
                "estimated_minutes": 30,
                "body": [
                    (
                        "paragraph",
                        (
                            "<p>Musrenbang adalah saat usulan warga masuk ke dalam dokumen perencanaan pemerintah. "
                            "Menurut UU Nomor 25 Tahun 2004 tentang Sistem Perencanaan Pembangunan Nasional, "
                            "musyawarah perencanaan pembangunan (musrenbang) adalah forum antarpelaku untuk menyusun "
                            "rencana pembangunan nasional dan daerah (Pasal 1 angka 21). Salah satu tujuan sistem "
                            "perencanaan adalah <b>mengoptimalkan partisipasi masyarakat</b> (Pasal 2 ayat (4) huruf "
                            "d).</p>"
                            "<h2>Dokumen perencanaan</h2>"
                            "<ul><li><b>RPJP</b>: rencana pembangunan jangka panjang, 20 tahun.</li>"
                            "<li><b>RPJM</b>: rencana pembangunan jangka menengah, 5 tahun.</li>"
                            "<li><b>RKPD</b>: rencana kerja pemerintah daerah, 1 tahun.</li>"
                            "<li><b>Renstra</b> dan <b>Renja</b>: rencana strategis dan rencana kerja setiap "
                            "perangkat daerah.</li>"
                            "</ul>"
                            "<p>Rencana tahunan disusun bertahap: rancangan awal, rancangan rencana kerja, "
                            "musrenbang, lalu rancangan akhir (Pasal 9 ayat (2)).</p>"
                        ),
                    ),
                    (
                        "callout",
                        {
                            "kind": "law",
                            "title": "UU 25/2004 Pasal 22–26 dan UU 23/2014 Pasal 312",
                            "text": (
                                "<p>Kepala Bappeda menyelenggarakan <b>musrenbang RKPD paling lambat bulan Maret</b>; "
                                "untuk tingkat nasional, musrenbang RKP paling lambat bulan April. RKPD ditetapkan "
                                "dengan peraturan kepala daerah dan menjadi pedoman penyusunan rancangan APBD. Kepala "
                                "daerah dan DPRD wajib menyetujui bersama rancangan APBD paling lambat <b>1 bulan "
                                "sebelum tahun anggaran</b> dimulai (UU 23/2014 Pasal 312 ayat (1)).</p>"
                            ),
                        },
                    ),
                    (
                        "paragraph",
                        (
                            "<h2>Jenjang musrenbang di kota</h2>"
                            "<p>Di kota, musrenbang tahunan berjenjang: <b>kelurahan, lalu kecamatan, lalu forum "
                            "perangkat daerah, lalu musrenbang kota</b>. PP Nomor 45 Tahun 2017 tentang Partisipasi "
                            "Masyarakat dalam Penyelenggaraan Pemerintahan Daerah menyebut musrenbang kecamatan dan "
                            "musrenbang tahunan kabupaten/kota sebagai wadah partisipasi (Pasal 7 ayat (3)).</p>"
                            "<p>Di Balikpapan, usulan dari RT dihimpun di tingkat kelurahan melalui aplikasi "
                            "perencanaan elektronik, lalu diprioritaskan dalam musrenbang kecamatan pada bulan "
                            "Januari (misalnya musrenbang Kecamatan Balikpapan Utara pada 16 Januari 2024), kemudian "
                            "dibawa ke musrenbang kota. Perencanaan kota dikoordinasikan Badan Perencanaan "
                            "Pembangunan Daerah, Penelitian dan Pengembangan (Bappeda Litbang).</p>"
                            "<h2>Hak Anda untuk ikut serta</h2>"
                            "<p>UU 23/2014 Pasal 354 menjamin partisipasi masyarakat dalam penyusunan peraturan "
                            "daerah dan kebijakan daerah, <b>perencanaan, penganggaran, pelaksanaan, pemantauan, dan "
                            "evaluasi</b> pembangunan, pengelolaan aset, dan pelayanan publik. Caranya melalui "
                            "konsultasi publik, musyawarah, kemitraan, penyampaian aspirasi, dan "
                            "<b>pengawasan</b>.</p>"
                            "<p>PP 45/2017 menambahkan: pemerintah daerah menyebarluaskan rancangan dokumen "
                            "perencanaan melalui sistem informasi, media, dan papan pengumuman (Pasal 8); masyarakat "
                            "dapat memberi masukan atas rancangan KUA-PPAS, dan pembahasannya di DPRD dapat dihadiri "
                            "masyarakat (Pasal 9–10).</p>"
                            "<h2>Memantau pelaksanaan</h2>"
                            "<p>Setelah usulan disetujui, tugas warga belum selesai. Menurut PP 45/2017 Pasal 14, "
                            "masyarakat dapat memantau kesesuaian <b>jenis kegiatan, volume dan kualitas pekerjaan, "
                            "waktu pelaksanaan, serta spesifikasi teknis</b> dengan rencana. Dokumen yang membantu, "
                            "seperti rencana kerja proyek dengan perkiraan pengeluaran tahunannya dan perjanjian "
                            "dengan pihak ketiga, termasuk informasi yang wajib tersedia setiap saat (UU 14/2008 "
                            "Pasal 11). Mintalah melalui PPID.</p>"
                            "<p>Ada saluran lain. Anggota DPRD menyerap aspirasi saat reses, yang dirangkum menjadi "
                            "pokok-pokok pikiran DPRD untuk musrenbang kota. Usulan yang belum diterima tahun ini "
                            "perlu diajukan kembali tahun berikutnya. Keluhan tentang pelaksanaan dapat disampaikan "
                            "ke kelurahan atau perangkat daerah terkait, lewat SP4N-LAPOR!, atau ke Ombudsman.</p>"
                        ),
                    ),
                    (
                        "callout",
                        {
                            "kind": "tip",
                            "title": "Lima langkah usulan yang kuat",
                            "text": (
                                "<ol><li>Jelaskan masalahnya dengan data: lokasi, jumlah warga yang terdampak, dan "
                                "foto.</li>"
                                "<li>Usulkan kegiatan yang jelas dan terukur, misalnya “perbaikan saluran drainase "
                                "120 meter di RT sekian”, bukan “perbaikan lingkungan”.</li>"
                                "<li>Pastikan kegiatannya termasuk jenis yang dapat dibiayai (lihat modul Anggaran "
                                "Kelurahan di Kota).</li>"
                                "<li>Kumpulkan dukungan tetangga dan pengurus RT sebelum musrenbang kelurahan.</li>"
                                "<li>Catat nomor dan status usulan, lalu ikuti perkembangannya di tingkat kecamatan "
                                "dan kota.</li>"
                                "</ol>"
                            ),
                        },
                    ),
                    (
                        "key_terms",
                        {
                            "title": "Istilah penting",
                            "terms": [
                                {
                                    "term": "Musrenbang",
                                    "definition": (
                                        "Musyawarah perencanaan pembangunan: forum antarpelaku untuk menyusun rencana "
                                        "pembangunan (UU 25/2004 Pasal 1 angka 21)."
                                    ),
                                },
                                {
                                    "term": "RKPD",
                                    "definition": (
                                        "Rencana kerja pemerintah daerah untuk satu tahun, pedoman penyusunan "
                                        "rancangan APBD."
                                    ),
                                },
                                {
                                    "term": "Bappeda",
                                    "definition": (
                                        "Badan perencanaan pembangunan daerah. Di Balikpapan bernama Bappeda Litbang."
                                    ),
                                },
                                {
                                    "term": "Reses",
                                    "definition": (
                                        "Masa anggota DPRD bekerja di luar gedung dewan untuk menemui warga di daerah "
                                        "pemilihannya dan menyerap aspirasi."
                                    ),
                                },
                                {
                                    "term": "KUA-PPAS",
                                    "definition": (
                                        "Kebijakan Umum APBD serta Prioritas dan Plafon Anggaran Sementara: "
                                        "kesepakatan awal pemerintah daerah dan DPRD sebelum rancangan APBD disusun."
                                    ),
                                },
                            ],
                        },
                    ),
                ],
                "quiz": [
                    {
                        "kind": "single",
                        "prompt": "Menurut UU 25/2004, musrenbang penyusunan RKPD dilaksanakan paling lambat bulan …",
                        "choices": [("Januari", False), ("Maret", True), ("April", False), ("Oktober", False)],
                        "explanation": (
                            "UU 25/2004 Pasal 23(2): musrenbang RKPD paling lambat bulan Maret. Bulan April adalah "
                            "batas musrenbang RKP tingkat nasional."
                        ),
                    },
                    {
                        "kind": "single",
                        "prompt": "Urutan jenjang musrenbang tahunan di kota yang benar adalah …",
                        "choices": [
                            ("Kota, kecamatan, kelurahan", False),
                            ("Kelurahan, kecamatan, kota", True),
                            ("Kecamatan, kelurahan, provinsi", False),
                            ("RT, DPRD, kota", False),
                        ],
                        "explanation": (
                            "Usulan dihimpun di kelurahan, diprioritaskan di musrenbang kecamatan, lalu dibahas di "
                            "musrenbang kota yang diselenggarakan Bappeda. PP 45/2017 Pasal 7(3) menyebut musrenbang "
                            "kecamatan dan musrenbang kabupaten/kota sebagai wadah partisipasi."
                        ),
                    },
                    {
                        "kind": "multiple",
                        "prompt": (
                            "Menurut PP 45/2017 Pasal 14, apa saja yang dapat dipantau warga dalam pelaksanaan sebuah "
                            "kegiatan pembangunan? Pilih semua jawaban yang benar."
                        ),
                        "choices": [
                            ("Kesesuaian jenis kegiatan dengan rencana", True),
                            ("Kesesuaian volume dan kualitas pekerjaan", True),
                            ("Kesesuaian waktu pelaksanaan", True),
                            ("Isi rekening pribadi pemborong", False),
                            ("Data pribadi para pekerja proyek", False),
                        ],
                        "explanation": (
                            "PP 45/2017 Pasal 14 menyebut jenis kegiatan, volume dan kualitas, waktu pelaksanaan, dan "
                            "spesifikasi teknis. Rekening pribadi dan data pribadi pekerja bukan bahan pemantauan "
                            "warga dan dilindungi hukum."
                        ),
                    },
                ],
            },
        ],
    },
]
