"""Demo organisations and the pages around the courses that ``manage.py seed_demo`` builds, as plain data.

Forum dates and the budgeting call's periods are given relative to the day the seed runs (month offsets
with a fixed day and time); the seeding code turns them into dates. The forum and the budgeting call are
demonstrations and say so on the page: they are plausible, but not official programmes of Kota Balikpapan.
Rich text is HTML limited to p, h2, h3, b, i, ul, ol, li and blockquote; standard page bodies are
``(block_type, value)`` pairs, like lesson bodies in ``demo.content.courses``.
"""

# slug, name, kind ("ngo" | "government" | "community"), website ("" if none).
# The city office is the one that sources show running the 2025 coaching of all Lembaga Pemberdayaan
# Masyarakat (LPM) in Balikpapan; its formal mandate for community empowerment is unverified, so the
# demo content claims no more than that it publishes the budgeting course.
ORGANISATIONS = [
    {"slug": "yayasan-lingkungan-lestari", "name": "Yayasan Lingkungan Lestari", "kind": "ngo", "website": ""},
    {"slug": "perkumpulan-warga-cerdas", "name": "Perkumpulan Warga Cerdas", "kind": "ngo", "website": ""},
    {
        "slug": "dp3akb-kota-balikpapan",
        "name": "Dinas Pemberdayaan Perempuan, Perlindungan Anak, dan Keluarga Berencana Kota Balikpapan",
        "kind": "government",
        "website": "",
    },
]


HOME = {
    "title": "Beranda",
    "hero_title": "Belajar menjadi warga yang berdaya, langsung dari ponsel",
    "hero_text": (
        "Sekolah Warga adalah tempat belajar bagi warga Balikpapan: kenali hak dan kewajiban Anda, kelola sampah "
        "dengan benar, dan pahami anggaran kelurahan. Baca materinya kapan saja, kerjakan kuis, dapatkan sertifikat, "
        "lalu bawa ilmunya ke forum warga dan musrenbang."
    ),
    "body": (
        "<h2>Tiga kursus untuk memulai</h2>"
        "<ul><li><b>Hak dan Kewajiban Warga Negara</b>: dari UUD 1945 sampai cara meminta informasi publik dan "
        "mengadukan layanan yang buruk.</li>"
        "<li><b>Pengelolaan Lingkungan dan Sampah</b>: hak atas lingkungan yang sehat, cara memilah sampah, dan "
        "aturan sampah di Balikpapan.</li>"
        "<li><b>Anggaran Kelurahan/Desa dan Musrenbang</b>: dari mana uang pembangunan kelurahan berasal dan "
        "bagaimana warga ikut mengusulkan dan mengawasinya.</li>"
        "</ul>"
        "<h2>Cara belajar</h2>"
        "<ol><li>Daftar dengan nama, alamat surel atau nomor ponsel, dan kelurahan tempat Anda tinggal. Kami tidak "
        "meminta NIK.</li>"
        "<li>Pilih kursus dan baca modulnya satu per satu. Setiap modul cukup dibaca 20–30 menit, dan halamannya "
        "ringan untuk ponsel.</li>"
        "<li>Kerjakan kuis singkat di akhir setiap modul. Penjelasan jawaban muncul setelah Anda mengirim "
        "jawaban.</li>"
        "<li>Selesaikan kursusnya untuk mendapat sertifikat. Siapa pun dapat memeriksa keasliannya lewat kode atau "
        "kode QR pada sertifikat.</li>"
        "</ol>"
        "<h2>Dari kelas ke tindakan</h2>"
        "<p>Ilmu dari kursus paling berguna ketika dipakai. Hadiri <b>Forum Warga</b> bulanan di Kelurahan Gunung "
        "Bahagia untuk membahas masalah lingkungan dan pembangunan bersama tetangga, atau ikuti <b>Penganggaran "
        "Partisipatif</b> untuk mengusulkan kegiatan di kelurahan Anda.</p>"
        "<p>Lebih suka belajar bersama? Organisasi mitra Sekolah Warga juga menyelenggarakan kelas tatap muka di aula "
        "kelurahan. Tanyakan jadwalnya di kantor kelurahan Anda.</p>"
    ),
}


COURSE_INDEX = {
    "title": "Kursus",
    "intro": (
        "<p>Pilih kursus sesuai minat Anda. Setiap kursus terdiri atas beberapa modul singkat yang nyaman dibaca di "
        "ponsel, masing-masing dengan kuis kecil. Materi disusun oleh organisasi mitra dan diperiksa pemerintah kota "
        "sebelum terbit, dengan rujukan pada peraturan yang berlaku.</p>"
    ),
}


FORUM_INDEX = {
    "title": "Forum Warga",
    "intro": (
        "<p>Forum Warga adalah pertemuan terbuka setiap bulan, tempat warga membahas lingkungan, layanan publik, dan "
        "pembangunan di kelurahan bersama pengurus RT, lembaga kemasyarakatan, dan pihak kelurahan. Siapa pun boleh "
        "hadir dan berbicara. Agenda diumumkan lebih dulu, dan notulanya dimuat di sini setelah pertemuan.</p>"
        "<p><i>Forum di situs ini adalah contoh untuk memperagakan Sekolah Warga, bukan jadwal resmi "
        "kelurahan.</i></p>"
    ),
}


# A monthly public forum at Kelurahan Gunung Bahagia (BPS 6471010006, Kecamatan Balikpapan Selatan):
# one past meeting with minutes, decisions and attendance, and two upcoming ones, the first of them full
# with a waiting list (who registered and attended: demo/content/forums.py).
FORUMS = [
    {
        "slug": "forum-gunung-bahagia-memilah-sampah",
        "title": "Forum Warga Gunung Bahagia: Memilah Sampah dan Bank Sampah Unit",
        "kind": "musyawarah",
        "month_offset": -1,
        "day": 14,
        "time": "19:30",
        "venue": "Aula Kantor Kelurahan Gunung Bahagia",
        "agenda": (
            "<ul><li>Pembukaan dan perkenalan peserta</li>"
            "<li>Kewajiban memilah sampah menurut Perda Kota Balikpapan Nomor 4 Tahun 2022 dan PP 81/2012</li>"
            "<li>Rencana pembentukan bank sampah unit di kelurahan</li>"
            "<li>Keluhan warga tentang TPS dan saluran air</li>"
            "<li>Informasi kursus Sekolah Warga dan penganggaran partisipatif</li>"
            "<li>Kesepakatan dan tindak lanjut</li>"
            "</ul>"
        ),
        "minutes": (
            "<p>Forum dihadiri 17 warga dari beberapa RT, pengurus LPM dan PKK Kelurahan Gunung Bahagia, fasilitator "
            "Yayasan Lingkungan Lestari, dan perwakilan kantor kelurahan. Forum dibuka pukul 19.35 WITA dan ditutup "
            "pukul 21.20 WITA.</p>"
            "<h2>Pokok pembahasan</h2>"
            "<ul><li><b>Memilah sampah.</b> Fasilitator menjelaskan lima jenis pemilahan dalam PP 81/2012 dan "
            "kewajiban memilah dari sumbernya dalam Perda Nomor 4 Tahun 2022. Beberapa warga menanyakan cara "
            "menyimpan baterai dan lampu bekas; disarankan memakai kotak tertutup terpisah.</li>"
            "<li><b>Bank sampah unit.</b> Perwakilan kelurahan menyampaikan bahwa setiap kelurahan diminta membentuk "
            "enam bank sampah unit, masing-masing dengan paling sedikit 200 anggota. Pengurus PKK bersedia memulai "
            "pendataan calon anggota.</li>"
            "<li><b>TPS dan saluran air.</b> Warga melaporkan sampah yang menumpuk di dekat TPS pada pagi hari dan "
            "saluran air yang tersumbat sampah plastik. Warga diingatkan tentang imbauan DLH untuk membuang sampah ke "
            "TPS pada malam hari.</li>"
            "<li><b>Usulan anggaran.</b> Warga sepakat bahwa perbaikan saluran air perlu diajukan sebagai usulan "
            "resmi, lengkap dengan lokasi, ukuran, dan foto.</li>"
            "</ul>"
        ),
        # The page shows them under its own heading, after the minutes.
        "decisions": (
            "<ol><li>PKK dan LPM mendata calon anggota bank sampah unit sebelum forum berikutnya.</li>"
            "<li>Tim kecil lima warga menyusun usulan perbaikan saluran air untuk penganggaran partisipatif Kecamatan "
            "Balikpapan Selatan.</li>"
            "<li>Warga yang ingin ikut menyusun usulan diminta menyelesaikan kursus Anggaran Kelurahan/Desa dan "
            "Musrenbang di Sekolah Warga.</li>"
            "<li>Forum berikutnya membahas penyusunan usulan bersama.</li>"
            "</ol>"
        ),
        "related_courses": ["pengelolaan-lingkungan-dan-sampah", "anggaran-kelurahan-desa-dan-musrenbang"],
    },
    {
        "slug": "forum-gunung-bahagia-klinik-usulan-warga",
        "title": "Forum Warga Gunung Bahagia: Klinik Usulan Warga",
        "kind": "musyawarah",
        # Small groups with a facilitator each: few places, so the demo shows a full meeting and its waiting list.
        "capacity": 5,
        "month_offset": 1,
        "day": 14,
        "time": "19:30",
        "venue": "Aula Kantor Kelurahan Gunung Bahagia",
        "agenda": (
            "<ul><li>Laporan tindak lanjut forum sebelumnya: pendataan anggota bank sampah unit</li>"
            "<li>Apa yang dapat dan tidak dapat dibiayai anggaran sarana-prasarana dan pemberdayaan masyarakat "
            "kelurahan</li>"
            "<li>Klinik usulan: menyusun usulan bersama dalam kelompok kecil, dibantu fasilitator</li>"
            "<li>Cara mengirim usulan ke penganggaran partisipatif Kecamatan Balikpapan Selatan sebelum batas "
            "waktu</li>"
            "<li>Kesepakatan dan tindak lanjut</li>"
            "</ul>"
            "<p>Bawa foto dan catatan lokasi masalah yang ingin Anda usulkan.</p>"
        ),
        "minutes": "",
        "related_courses": ["anggaran-kelurahan-desa-dan-musrenbang"],
    },
    {
        "slug": "forum-gunung-bahagia-informasi-dan-pemantauan",
        "title": "Forum Warga Gunung Bahagia: Meminta Informasi dan Memantau Pembangunan",
        "month_offset": 2,
        "day": 14,
        "time": "19:30",
        "venue": "Aula Kantor Kelurahan Gunung Bahagia",
        "agenda": (
            "<ul><li>Hasil penganggaran partisipatif: usulan yang masuk dari Kelurahan Gunung Bahagia</li>"
            "<li>Hak atas informasi publik: cara meminta dokumen kegiatan kelurahan melalui PPID</li>"
            "<li>Latihan memantau pekerjaan: jenis kegiatan, volume dan kualitas, waktu, dan spesifikasi</li>"
            "<li>Cara menyampaikan keluhan layanan publik dan lewat SP4N-LAPOR!</li>"
            "<li>Kesepakatan dan tindak lanjut</li>"
            "</ul>"
        ),
        "minutes": "",
        "related_courses": ["hak-dan-kewajiban-warga", "anggaran-kelurahan-desa-dan-musrenbang"],
    },
]


BUDGETING_INDEX = {
    "title": "Penganggaran Partisipatif",
    "intro": (
        "<p>Di sini warga dapat mengusulkan langsung kegiatan sarana-prasarana dan pemberdayaan masyarakat di "
        "kelurahannya. Usulan yang memenuhi syarat dibawa ke musyawarah pembangunan kelurahan, forum yang menurut PP "
        "17/2018 Pasal 30 menentukan kegiatan yang dibiayai anggaran kelurahan.</p>"
        "<p><i>Panggilan usulan di situs ini adalah contoh untuk memperagakan Sekolah Warga, bukan program resmi "
        "Pemerintah Kota Balikpapan.</i></p>"
    ),
}


# One demo call for Kecamatan Balikpapan Selatan (BPS 6471010). ceiling_rupiah is the most one proposal
# may cost; kelurahan money sits in the kecamatan budget with the lurah as budget holder (PP 17/2018
# Pasal 30), so proposals go to each kelurahan's musyawarah pembangunan.
BUDGETING_CALLS = [
    {
        "slug": "usulan-warga-balikpapan-selatan",
        "title": "Usulan Warga untuk Kegiatan Kelurahan di Kecamatan Balikpapan Selatan",
        "area_code": "6471010",
        "scope": (
            "<p>Usulan kegiatan untuk tahun anggaran berikutnya, di salah satu kelurahan Kecamatan Balikpapan "
            "Selatan, dalam dua kelompok yang mengikuti Permendagri 130/2018:</p>"
            "<ul><li><b>Sarana dan prasarana kelurahan</b>: drainase, sumur resapan, sarana persampahan dan "
            "pemilahan, air minum, jalan lingkungan permukiman, MCK komunal, serta sarana Posyandu atau "
            "Posbindu.</li>"
            "<li><b>Pemberdayaan masyarakat</b>: pelatihan keterampilan dan usaha kecil, kegiatan kesehatan dan "
            "pendidikan warga, penguatan lembaga kemasyarakatan seperti bank sampah unit, serta kesiapsiagaan "
            "bencana.</li>"
            "</ul>"
            "<p>Tidak dapat diusulkan: kegiatan yang hanya menguntungkan perorangan, pembangunan di atas lahan "
            "pribadi, honor atau gaji pengusul, dan kegiatan yang sudah dibiayai anggaran lain pada tahun yang "
            "sama.</p>"
        ),
        "ceiling_rupiah": 150_000_000,
        "fiscal_year_offset": 1,
        "opens_month_offset": 0,
        "opens_day": 1,
        "closes_month_offset": 1,
        "closes_day": 28,
        "eligibility": (
            "<ul><li>Pengusul tinggal di salah satu kelurahan di Kecamatan Balikpapan Selatan: Gunung Bahagia, Damai "
            "Baru, Damai Bahagia, Sepinggan, Sepinggan Baru, Sepinggan Raya, atau Sungai Nangka.</li>"
            "<li>Usulan diajukan atas nama kelompok warga, misalnya RT, PKK, Karang Taruna, LPM, kelompok bank "
            "sampah, atau kelompok warga lain, dan didukung paling sedikit 10 warga dari kelurahan yang sama.</li>"
            "<li>Pengusul utama telah menyelesaikan kursus Anggaran Kelurahan/Desa dan Musrenbang di Sekolah "
            "Warga.</li>"
            "<li>Kegiatan berada di kelurahan pengusul, di atas lahan atau fasilitas umum.</li>"
            "<li>Satu kelompok mengajukan paling banyak dua usulan.</li>"
            "</ul>"
        ),
        "prerequisite_course": "anggaran-kelurahan-desa-dan-musrenbang",
        "body": (
            "<h2>Bagaimana usulan diproses</h2>"
            "<ol><li><b>Pengajuan.</b> Kelompok warga mengisi usulan selama masa pengajuan: masalah yang ingin "
            "diatasi, lokasi, kegiatan yang diusulkan, perkiraan biaya, dan jumlah warga yang merasakan "
            "manfaatnya.</li>"
            "<li><b>Pemeriksaan kelengkapan.</b> Petugas kelurahan memeriksa kelengkapan usulan dan dapat meminta "
            "keterangan tambahan.</li>"
            "<li><b>Musyawarah pembangunan kelurahan.</b> Usulan yang lengkap dibahas dan diprioritaskan bersama "
            "warga di kelurahan masing-masing.</li>"
            "<li><b>Penganggaran.</b> Kegiatan yang disepakati diajukan untuk masuk ke bagian anggaran kelurahan "
            "dalam anggaran Kecamatan Balikpapan Selatan, yang baru pasti setelah APBD disetujui bersama wali kota "
            "dan DPRD.</li>"
            "<li><b>Pelaksanaan dan pemantauan.</b> Lurah, sebagai kuasa pengguna anggaran, melaksanakan kegiatan "
            "dengan melibatkan kelompok masyarakat. Pengusul dan warga dapat memantau jenis, volume, kualitas, waktu, "
            "dan spesifikasi pekerjaan.</li>"
            "</ol>"
            "<h2>Dasar hukum</h2>"
            "<ul><li>PP Nomor 17 Tahun 2018 tentang Kecamatan, Pasal 30: anggaran sarana-prasarana dan pemberdayaan "
            "masyarakat kelurahan ditempatkan dalam anggaran kecamatan, lurah sebagai kuasa pengguna anggaran, dan "
            "kegiatan ditentukan melalui musyawarah pembangunan kelurahan.</li>"
            "<li>UU Nomor 23 Tahun 2014 tentang Pemerintahan Daerah, Pasal 354: partisipasi masyarakat dalam "
            "perencanaan, penganggaran, pelaksanaan, pemantauan, dan evaluasi pembangunan.</li>"
            "<li>PP Nomor 45 Tahun 2017, Pasal 14: pemantauan pelaksanaan kegiatan oleh masyarakat.</li>"
            "</ul>"
            "<h2>Perlu diketahui</h2>"
            "<ul><li>Batas biaya di atas berlaku untuk setiap usulan, bukan untuk setiap kelompok atau "
            "kelurahan.</li>"
            "<li>Mengajukan usulan tidak menjamin usulan dibiayai. Usulan yang belum terpilih dapat diajukan kembali "
            "pada tahun berikutnya atau melalui musrenbang kelurahan.</li>"
            "<li>Jangan mencantumkan NIK atau data pribadi warga lain dalam usulan. Cukup sebutkan jumlah warga yang "
            "merasakan manfaatnya.</li>"
            "</ul>"
            "<p><i>Panggilan usulan ini adalah contoh untuk memperagakan Sekolah Warga. Nama kegiatan, batas biaya, "
            "dan jadwalnya tidak mencerminkan program resmi Pemerintah Kota Balikpapan.</i></p>"
        ),
    },
]


# The standard page that is the privacy notice residents agree to (Settings → Privacy notice).
PRIVACY_NOTICE_SLUG = "privasi"

STANDARD_PAGES = [
    {
        "slug": "tentang",
        "title": "Tentang Sekolah Warga",
        "intro": (
            "Sekolah Warga adalah tempat belajar daring dan tatap muka tentang hak warga, lingkungan, dan anggaran "
            "pembangunan, agar warga dapat ikut serta dalam kehidupan kota dengan percaya diri."
        ),
        "body": [
            (
                "paragraph",
                (
                    "<h2>Apa itu Sekolah Warga?</h2>"
                    "<p>Sekolah Warga menyediakan kursus singkat tentang tiga hal yang dekat dengan kehidupan "
                    "sehari-hari: <b>hak dan kewajiban warga negara</b>, <b>pengelolaan lingkungan dan sampah</b>, "
                    "serta <b>anggaran kelurahan dan desa</b> termasuk musrenbang. Kursusnya dapat dibaca dari "
                    "ponsel, kapan saja, dan diakhiri kuis singkat di setiap modul.</p>"
                    "<p>Kota Balikpapan, Kalimantan Timur, adalah pengguna pertama Sekolah Warga.</p>"
                    "<h2>Siapa yang terlibat?</h2>"
                    "<ul><li><b>Organisasi mitra</b>, seperti Yayasan Lingkungan Lestari dan Perkumpulan Warga "
                    "Cerdas, menulis materi kursus dan menyelenggarakan kelas tatap muka di aula kelurahan.</li>"
                    "<li><b>Pemerintah kota</b> memeriksa materi sebelum terbit dan memantau rekap kelulusan per "
                    "kecamatan dan kelurahan.</li>"
                    "<li><b>Warga</b> belajar, mengerjakan kuis, mendapat sertifikat, lalu membawa ilmunya ke forum "
                    "warga dan penganggaran partisipatif.</li>"
                    "</ul>"
                    "<h2>Sertifikat yang dapat diperiksa</h2>"
                    "<p>Warga yang menyelesaikan kursus mendapat sertifikat PDF dengan kode singkat dan kode QR. "
                    "Siapa pun, misalnya pemberi kerja atau kantor kelurahan, dapat memeriksa keasliannya di halaman "
                    "verifikasi sertifikat. Halaman itu hanya menampilkan nama, kursus, organisasi penyelenggara, "
                    "tanggal, dan status sertifikat.</p>"
                ),
            ),
            (
                "callout",
                {
                    "kind": "info",
                    "title": "Tentang isi kursus",
                    "text": (
                        "<p>Materi kursus merujuk pada peraturan perundang-undangan dan sumber resmi, dengan bahasa "
                        "yang disederhanakan. Materi ini bukan nasihat hukum. Untuk keperluan resmi, bacalah naskah "
                        "peraturan yang berlaku, misalnya melalui Jaringan Dokumentasi dan Informasi Hukum (JDIH) "
                        "pemerintah.</p>"
                    ),
                },
            ),
            (
                "paragraph",
                (
                    "<h2>Terbuka untuk semua</h2>"
                    "<p>Sekolah Warga adalah perangkat lunak sumber terbuka: kota atau organisasi lain boleh memakai "
                    "dan mengembangkannya. Ringkasan angka peserta dan kelulusan, tanpa nama atau data pribadi, "
                    "tersedia di halaman data terbuka.</p>"
                    "<p>Situs ini memuat contoh forum warga dan panggilan usulan anggaran untuk memperagakan cara "
                    "kerja Sekolah Warga. Contoh itu bukan jadwal atau program resmi pemerintah.</p>"
                ),
            ),
        ],
    },
    {
        "slug": PRIVACY_NOTICE_SLUG,
        "title": "Pemberitahuan Privasi",
        "intro": (
            "Pemberitahuan ini menjelaskan data pribadi apa yang kami kumpulkan, untuk apa, siapa yang dapat "
            "melihatnya, dan hak Anda atas data itu menurut UU Nomor 27 Tahun 2022 tentang Pelindungan Data Pribadi."
        ),
        "body": [
            (
                "paragraph",
                (
                    "<p>Dalam pemberitahuan ini, “kami” berarti pengelola Sekolah Warga, dan “Anda” berarti warga "
                    "yang mendaftar dan belajar di Sekolah Warga.</p>"
                    "<h2>Data yang kami kumpulkan</h2>"
                    "<ul><li><b>Nama</b>, untuk akun Anda dan untuk dicetak pada sertifikat.</li>"
                    "<li><b>Alamat surel atau nomor ponsel</b>, paling sedikit salah satu, untuk masuk ke akun dan "
                    "menerima pemberitahuan.</li>"
                    "<li><b>Kelurahan tempat tinggal</b>, untuk kelas di kelurahan Anda dan untuk rekap peserta per "
                    "kelurahan dan kecamatan.</li>"
                    "<li><b>Jenis kelamin dan tahun lahir</b>, hanya jika Anda mau mengisinya. Data ini dipakai untuk "
                    "angka ringkasan yang dilaporkan program, misalnya jumlah peserta perempuan dan laki-laki per "
                    "kelompok umur.</li>"
                    "<li><b>Catatan belajar</b>: kursus dan kelas yang Anda ikuti, kehadiran di kelas tatap muka, "
                    "kemajuan modul, jawaban dan nilai kuis, serta sertifikat Anda.</li>"
                    "<li><b>Catatan persetujuan</b>: waktu Anda menyetujui pemberitahuan ini dan versinya, serta "
                    "persetujuan orang tua atau wali bagi peserta di bawah 18 tahun.</li>"
                    "</ul>"
                    "<p><b>Kami tidak meminta NIK</b> (nomor induk kependudukan), nomor kartu keluarga, ataupun data "
                    "kesehatan. Sekolah Warga tidak memerlukannya.</p>"
                    "<h2>Untuk apa data dipakai</h2>"
                    "<ul><li>membuat dan menjaga akun Anda;</li>"
                    "<li>mencatat kemajuan belajar dan menilai kuis;</li>"
                    "<li>menerbitkan sertifikat dan memungkinkan orang lain memeriksa keasliannya;</li>"
                    "<li>membantu fasilitator menjalankan kelas tatap muka;</li>"
                    "<li>menyusun rekap dan angka ringkasan tanpa nama untuk pemerintah kota, organisasi mitra, dan "
                    "halaman data terbuka.</li>"
                    "</ul>"
                    "<p>Kami tidak menjual data Anda dan tidak memakainya untuk iklan.</p>"
                    "<h2>Siapa yang dapat melihat data Anda</h2>"
                    "<ul><li>Anda sendiri, melalui halaman Kursus Saya dan profil Anda.</li>"
                    "<li>Organisasi mitra, hanya untuk peserta kelasnya dan peserta kursus miliknya.</li>"
                    "<li>Petugas pemerintah kota yang memantau program, untuk keperluan pengawasan dan rekap.</li>"
                    "<li>Siapa pun yang memeriksa sertifikat Anda, tetapi hanya nama, kursus, organisasi "
                    "penyelenggara, tanggal, dan status sertifikat.</li>"
                    "</ul>"
                ),
            ),
            (
                "callout",
                {
                    "kind": "law",
                    "title": "Dasar pemrosesan: persetujuan Anda",
                    "text": (
                        "<p>Kami memproses data Anda berdasarkan <b>persetujuan yang sah dan tegas</b> yang Anda "
                        "berikan saat mendaftar (UU 27/2022 Pasal 20). Anda dapat menarik persetujuan itu kapan saja "
                        "(Pasal 9).</p>"
                        "<p>Bagi peserta yang berusia <b>di bawah 18 tahun</b>, pendaftaran memerlukan persetujuan "
                        "orang tua atau wali (Pasal 25).</p>"
                    ),
                },
            ),
            (
                "paragraph",
                (
                    "<h2>Hak Anda</h2>"
                    "<p>Menurut UU 27/2022 Pasal 5 sampai 13, Anda berhak:</p>"
                    "<ul><li>mendapat informasi tentang siapa yang memproses data Anda dan untuk apa (Pasal 5);</li>"
                    "<li>melengkapi, memperbarui, dan memperbaiki data Anda (Pasal 6);</li>"
                    "<li>mengakses dan memperoleh salinan data Anda (Pasal 7);</li>"
                    "<li>mengakhiri pemrosesan, serta meminta data Anda dihapus atau dimusnahkan (Pasal 8);</li>"
                    "<li>menarik kembali persetujuan (Pasal 9);</li>"
                    "<li>mengajukan keberatan atas keputusan yang semata-mata dibuat secara otomatis (Pasal 10). "
                    "Nilai kuis dihitung otomatis; jika Anda merasa penilaian keliru, sampaikan kepada kami atau "
                    "fasilitator Anda;</li>"
                    "<li>menunda atau membatasi pemrosesan (Pasal 11);</li>"
                    "<li>menggugat dan menerima ganti rugi atas pelanggaran pemrosesan data Anda (Pasal 12);</li>"
                    "<li>memperoleh data Anda dalam format yang umum dan dapat dibaca sistem elektronik, serta "
                    "memindahkannya (Pasal 13).</li>"
                    "</ul>"
                    "<h2>Cara memakai hak Anda</h2>"
                    "<p>Sebagian besar hak dapat Anda pakai sendiri di halaman profil: memperbaiki data, mengunduh "
                    "salinan data, dan menghapus akun. Untuk permintaan lain, hubungi kami melalui formulir Suara "
                    "Warga. Setiap permintaan kami catat (Pasal 14). Perbaikan data dan akses atas data kami penuhi "
                    "paling lambat <b>3 × 24 jam</b> sejak permintaan diterima (Pasal 30 dan 32).</p>"
                ),
            ),
            (
                "callout",
                {
                    "kind": "warning",
                    "title": "Jika terjadi kebocoran data",
                    "text": (
                        "<p>Jika terjadi kegagalan pelindungan data pribadi, kami akan memberi tahu Anda dan lembaga "
                        "pengawas pelindungan data pribadi secara tertulis paling lambat <b>3 × 24 jam</b> (UU "
                        "27/2022 Pasal 46), termasuk data apa yang terdampak, kapan dan bagaimana kejadiannya, serta "
                        "langkah yang kami ambil.</p>"
                    ),
                },
            ),
            (
                "paragraph",
                (
                    "<h2>Perubahan pemberitahuan ini</h2>"
                    "<p>Setiap versi pemberitahuan ini kami catat. Jika ada perubahan penting tentang data yang "
                    "dikumpulkan atau cara memakainya, kami akan meminta persetujuan Anda lagi sebelum perubahan itu "
                    "berlaku bagi data Anda.</p>"
                ),
            ),
            (
                "key_terms",
                {
                    "title": "Istilah penting",
                    "terms": [
                        {
                            "term": "Data pribadi",
                            "definition": (
                                "Data tentang seseorang yang dapat mengenali orang itu, sendiri atau jika digabung "
                                "dengan data lain."
                            ),
                        },
                        {
                            "term": "Pengendali data pribadi",
                            "definition": (
                                "Pihak yang menentukan tujuan dan mengendalikan pemrosesan data pribadi; dalam "
                                "pemberitahuan ini, pengelola Sekolah Warga."
                            ),
                        },
                        {
                            "term": "Persetujuan",
                            "definition": (
                                "Pernyataan tegas Anda bahwa data Anda boleh diproses untuk tujuan yang dijelaskan."
                            ),
                        },
                        {
                            "term": "Kegagalan pelindungan data",
                            "definition": (
                                "Kejadian ketika data pribadi tidak terlindungi, misalnya bocor, hilang, atau diakses "
                                "pihak yang tidak berhak."
                            ),
                        },
                    ],
                },
            ),
        ],
    },
]

# The city's office lets an NGO partner run its budget course in kelurahan halls: a class of another
# organisation's course needs the owner's grant (courses.CourseGrant), and the admin's "Izin kursus"
# screen has one to show.
COURSE_GRANTS = [
    {
        "course": "anggaran-kelurahan-desa-dan-musrenbang",
        "organisation": "perkumpulan-warga-cerdas",
        "granted_by": "pemkot",
    },
]

# One class (kelas) per NGO partner. Dates are months from the day the demo is seeded; the
# roster rows are invented residents with phone numbers only, as most class rosters are.
CLASSES = [
    {
        "name": "Kelas Lingkungan Gunung Bahagia",
        "course": "pengelolaan-lingkungan-dan-sampah",
        "organisation": "yayasan-lingkungan-lestari",
        "facilitator": "fasilitator-lestari",
        "kelurahan": "6471010006",
        "mode": "in-person",
        "capacity": 30,
        "min_attendance_percent": 75,
        "meetings": [
            ("Pertemuan 1: Hak dan peran warga", "Aula Kelurahan Gunung Bahagia"),
            ("Pertemuan 2: Dasar hukum pengelolaan sampah", "Aula Kelurahan Gunung Bahagia"),
            ("Pertemuan 3: Bank sampah dan pemilahan", "Bank Sampah RT 21"),
            ("Pertemuan 4: Rencana aksi RT", "Aula Kelurahan Gunung Bahagia"),
        ],
        "roster": [
            ("Rahmat Hidayat", "0812 5100 0001", "Gunung Bahagia"),
            ("Nur Aisyah", "0812 5100 0002", "Gunung Bahagia"),
            ("Yohanes Pasaribu", "0812 5100 0003", "6471010007"),
        ],
        "joined_with_code": [],
    },
    {
        "name": "Kelas Hak Warga Sepinggan",
        "course": "hak-dan-kewajiban-warga",
        "organisation": "perkumpulan-warga-cerdas",
        "facilitator": "fasilitator-cerdas",
        "kelurahan": "6471010007",
        "mode": "blended",
        "capacity": 25,
        "min_attendance_percent": None,
        "meetings": [
            ("Pertemuan 1: UUD 1945 dan hak warga", "Balai Warga RT 05"),
            ("Pertemuan 2: Informasi publik dan pengaduan", "Balai Warga RT 05"),
        ],
        "roster": [
            ("Dewi Lestari Anggraini", "0812 5200 0001", "6471010007"),
            ("Muhammad Rizky", "0812 5200 0002", "Gunung Bahagia"),
        ],
        "joined_with_code": ["warga1"],
    },
]
