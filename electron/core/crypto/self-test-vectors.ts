/**
 * Known-answer data for the start-up self-tests. The RSA key is a PUBLIC TEST KEY (like the RFC vectors): it
 * protects nothing. The two ciphertexts were made by the OpenSSL 3.0 CLI (`openssl pkeyutl -encrypt -pkeyopt
 * rsa_padding_mode:oaep -pkeyopt rsa_oaep_md:sha1|sha256 -pkeyopt rsa_mgf1_md:sha256`) over OAEP_MESSAGE, so
 * decrypting them proves our OAEP parameters match OpenSSL's, not just themselves.
 */

export const TEST_RSA_2048_PRIVATE_KEY_PEM = `-----BEGIN PRIVATE KEY-----
MIIEvgIBADANBgkqhkiG9w0BAQEFAASCBKgwggSkAgEAAoIBAQDEThCO6n4HgFkS
zDKWGQit5TUKEzjHLTX7LtpeICM3uK0vcMBKN3/EM+mGNMrDvIaRCJiTmbftFqAx
YDwEz/kHAQAyc9DxS9RO9UKw5Bh0g5+UxH+7ePdUqMRL6UpRczndclVYQBmUb+HG
AzBgHc/2pJ04lyTu/GHiAAAdDEkrig+HkuKwUPpuUczw6DJB99NHMW8Jj5DGC517
hn+Mq6XWIYh8jXHYd6CB1svs3cwxqZoSeN9Sfr0+SQjIW3H0vgFUsAf5v9r56rKp
vMGV4MY0VSVm1pCbu2Md+Q1nWX7Sn8eHRE2RFmJgpmPI1Smye3VH1E9DWZhHgH/W
gOYCfGvvAgMBAAECggEAAIDSugsP16UUlV/AoXHe+9Mil6wE8T3EbahpFuSuMm5e
w0hetdH+mdooNxfbjTTmg2iqO3ahahIsxvOgM8L0uHfgMEDrwDKZkLpAOYPcLDBK
MG9whGKC/8yO9ELc1eidtVudrGQ9rIu84G0Rqq1o4xD49jQs/A/ZkGK/nVNyvJHU
4hPnxgE+ccuG6G5dlZK93384sQWqlCqMATh9bJTfV0fRb/0ewQOM6nJO0AOHzS1q
AUH+GE2JzvzR95hT7Q3OGkItJ9UHGusc7Yg+kwoTnULOTBLJKiEKW8yfSDeaS4rg
zTVOodev8ZNYN2PV8FmD2XkCSZ2ELF3QGrE3rRBfwQKBgQDke9heBAvUWavh8Msx
eCIdD8f/ZYr1IsLSkJla21AuQVYvDn/3M0aCiVGetm9l1PjR9Tj8YHhJ7FS3+7AM
Ja/VZzllae6USJYSL6aG2WYs8g/ZDmNZo03Q5ZTvwVryq2prsQAw0J8EdppryTIX
I+TmwZn5V4GINzCi2Eajd/86mwKBgQDb8iVpYZOzvE+Dcft0sPUII3VW43kGj0iI
OWkc9wAoHCvHcEAoJ8aOvMA13YcP8zgfeK6WTgM7qWCTNuL8FY90+TqTT4nArfNW
WdME+HB1smRyn/FUDXLsXoP95KViyf36Lns2bbGY8ToABackj2uWKX2/owABARhJ
8AXjossvPQKBgQCIJfQMMcUKyFRP0jiCRd+uCZVXbp6a7BfDeT6okT76ERzV9YHz
P66oYkMsm/FNcNbD5agLW0DSa+0fpO6Gjn50X4ooEDOGUKp8M8C7YhgseCFRae1x
oIniDKvvIfyb1eEYQuSmMepPsozZ5Y3flBf2GS8zER2ymZB1uQJ+riZ8OQKBgCa/
wGuSb00pDfEgcaabTnACnzeRl87aC3NEegpKUdK/M89NLWBlsYuQIWTcBGGA/hA9
WLTORa+LJaKJ9u9mdQGsru8pAiHaA5bg+FZV1qpFpYC0QPYH8IlIFYTzdVe0MnST
H831AWbqiMdcN5gvVEr+QFM0ylli8f6EtOTn11gZAoGBALJLCDh1L5r9ZfCAtZfu
33TvLRqKNrQoaryKzsYFBfKNc6qoayPJ0vNN/GFE7re0FvIexYQ182jAwBVUSwnx
aoDs3oM/niPVPl6Mzhp6DTeD8/fgoq8HZCcPMDhW0SP4XZ7U4z8ZRHarm9VOOU4H
2zmqt6JV/Iq74ZOvUcVZt4aR
-----END PRIVATE KEY-----
`;

export const OAEP_MESSAGE_ASCII = 'KMS Key Ceremony self-test';
export const OAEP_SHA_1_CIPHERTEXT_B64 =
  'QjfrEGC7FBpdccXI8YpBvxJccztv+K3MQOPMOUvHcYEp9ur22vTS1YKAgbG+q0bRZHY2aODudcHUzYn8J5Jfd0wU7fB1LrjWbV3FJV8SzYwv/xv6jn9+YpRh4Vw8nq2v2K65O7yzunf/ybAaci6TSU5W9K6KWWfjkA2n3Gdn5Iw7Wx/uHuDBhp9z66Wejp9PX5cgejmNluOGYewJJcSQG7tnxnyoSuwOyaVlk/jxh53Qyx5KZZKgLnAVL7U1stk+q9TrVAomY0aFtR+5/G58Xr43rOSxHh0Q+5uBQgCICndGydWdQPzvebYjftjT9yqnTwwsWgG+Cv189SPenS65JA==';
export const OAEP_SHA_256_CIPHERTEXT_B64 =
  'wHr//h95iqNOqn2R3qlP0SRs+8bcAWxEjohrdSKg/NDP8UVNNPSXSiW/WUf4hYJQKIlxNbRZ+mu33QJ3czu+Rk+//czHKk1hqERU9ZQBz1dgPoqlOIUxzqvRmNhl/glkxBep5i6V5ggic7laRc6lhhhrgWicRbQjKh5a+Fhj7PVcSGZnHoP424sEgFXTNSngJVy1BahwLOp3s0EJKi0oPwi+7xmttDXwoop/zNHNFMvCU9vbZlA2fZFJN+KMzC/iuNKhPfY1oOnrptxwRc736WNJXFtAzKpVxvNyRb7dgURA6fPi0zzdP6DEPo32eUOXfna6zWaT6+pUtQh1mAbXYw==';

/** RFC 5649 §6 (KEK is AES-192). */
export const RFC5649_VECTORS = [
  {
    kek: '5840df6e29b02af1ab493b705bf16ea1ae8338f4dcc176a8',
    key: 'c37b7e6492584340bed12207808941155068f738',
    wrapped: '138bdeaa9b8fa7fc61f97742e72248ee5ae6ae5360d1ae6a5f54f373fa543b6a',
  },
  {
    kek: '5840df6e29b02af1ab493b705bf16ea1ae8338f4dcc176a8',
    key: '466f7250617369',
    wrapped: 'afbeb0f07dfbf5419200f2ccb50bb24f',
  },
] as const;

/** RFC 4493 §4 (AES-128 key 2b7e1516...). */
const CMAC_KEY = '2b7e151628aed2a6abf7158809cf4f3c';
const CMAC_MESSAGE =
  '6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e5130c81c46a35ce411e5fbc1191a0a52eff69f2445df4f9b17ad2b417be66c3710';
export const RFC4493_VECTORS = [
  { key: CMAC_KEY, message: '', tag: 'bb1d6929e95937287fa37d129b756746' },
  { key: CMAC_KEY, message: CMAC_MESSAGE.slice(0, 32), tag: '070a16b46b4d4144f79bdd9dd04a287c' },
  { key: CMAC_KEY, message: CMAC_MESSAGE.slice(0, 80), tag: 'dfa66747de9ae63030ca32611497c827' },
  { key: CMAC_KEY, message: CMAC_MESSAGE, tag: '51f0bebf7e3b9d92fc49741779363cfe' },
] as const;
