// Generated once with Python's codecs (Node cannot encode these charsets without extra packages):
// subjects and a body sentence per charset, as base64 of the charset's bytes. Decoded text in comments.
export interface CharsetSamples {
  subjects: readonly string[];
  body: string;
}

export const CHARSET_SAMPLES: Readonly<Record<string, CharsetSamples>> = {
  'UTF-8': {
    subjects: [
      'UsOpdW5pb24gZCfDqXF1aXBlIOKAlCBvcmRyZSBkdSBqb3Vy', // Réunion d'équipe — ordre du jour
      'w5xuw69jw7Zkw6kg4pyTIMOcYmVyc2ljaHQgZGVyIMOEbmRlcnVuZ2Vu', // Ünïcödé ✓ Übersicht der Änderungen
      '6L+b5bqm5oql5ZGK77ya56ys5LiJ5a2j5bqm', // 进度报告：第三季度
      'zqPPhc69zqzOvc+EzrfPg863IM6xz43Pgc65zr8g8J+OiQ==', // Συνάντηση αύριο 🎉
    ],
    // Grüße aus Zürich — voilà, ça marche. Привет, 你好, こんにちは.
    body: 'R3LDvMOfZSBhdXMgWsO8cmljaCDigJQgdm9pbMOgLCDDp2EgbWFyY2hlLiDQn9GA0LjQstC10YIsIOS9oOWlvSwg44GT44KT44Gr44Gh44GvLiA=',
  },
  'ISO-8859-1': {
    subjects: [
      'Uul1bmlvbiDgIE1vbnRy6WFs', // Réunion à Montréal
      'R3L232Vu5G5kZXJ1bmcgZGVyINxiZXJzaWNodA==', // Größenänderung der Übersicht
      'QfFvIG51ZXZvOiBzZfFhbCBkZSDpeGl0bw==', // Año nuevo: señal de éxito
    ],
    // Voilà le résumé de la réunion. Grüße, señor.
    body: 'Vm9pbOAgbGUgculzdW3pIGRlIGxhIHLpdW5pb24uIEdy/N9lLCBzZfFvci4g',
  },
  'windows-1252': {
    subjects: [
      'k1F1b3RlZJQgb2ZmZXIgliA1MCCAIG9ubHk=', // “Quoted” offer – 50 € only
      'TmHvdmUgY2Fm6SCXIGTpauAgdnWF', // Naïve café — déjà vu…
      'UHJpY2UgbGlzdCCRMjAyNZIglSBmaW5hbA==', // Price list ‘2025’ • final
    ],
    // The “smart quotes” and the € sign – plus an ellipsis…
    body: 'VGhlIJNzbWFydCBxdW90ZXOUIGFuZCB0aGUggCBzaWduIJYgcGx1cyBhbiBlbGxpcHNpc4Ug',
  },
  'ISO-2022-JP': {
    subjects: [
      'GyRCMnE1RCROJCpDTiRpJDsbKEI=', // 会議のお知らせ
      'GyRCOCtAUT1xJE5Bd0lVJEskRCQkJEYbKEI=', // 見積書の送付について
      'GyRCIVo9RU1XIVslNyU5JUYlYCVhJXMlRiVKJXMlOSROJDQwRkZiGyhC', // 【重要】システムメンテナンスのご案内
    ],
    // いつもお世話になっております。よろしくお願いいたします。
    body: 'GyRCJCQkRCRiJCpAJE9DJEskSiRDJEYkKiRqJF4kOSEjJGgkbSQ3JC8kKjRqJCQkJCQ/JDckXiQ5ISMbKEI=',
  },
  'KOI8-R': {
    subjects: [
      '79Teo9Qg2sEgzcXT0cM=', // Отчёт за месяц
      '99PU0sXewSDXINDR1M7Jw9U=', // Встреча в пятницу
      '896j1CDOwSDP0MzB1NUgNDI=', // Счёт на оплату 42
    ],
    // Добрый день! Прошу ознакомиться с документами.
    body: '5M/C0tnKIMTFztghIPDSz9vVIM/azsHLz83J1NjT0SDTIMTPy9XNxc7Uwc3JLiA=',
  },
};
