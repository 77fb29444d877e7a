// mbedTLS 3.6 configuration: hashing, PBKDF2 and a DRBG for SCRAM and ids; no TLS, no files.
#pragma once
#define MBEDTLS_MD_C
#define MBEDTLS_SHA1_C
#define MBEDTLS_SHA224_C
#define MBEDTLS_SHA256_C
#define MBEDTLS_SHA384_C
#define MBEDTLS_SHA512_C
#define MBEDTLS_PKCS5_C
#define MBEDTLS_BASE64_C
#define MBEDTLS_AES_C
#define MBEDTLS_CTR_DRBG_C
#define MBEDTLS_ENTROPY_C
// Emscripten is not __linux__: no platform entropy; mbedtls_hardware_poll() is ours
// (getentropy(): crypto.getRandomValues in the browser, glibc natively).
#define MBEDTLS_NO_PLATFORM_ENTROPY
#define MBEDTLS_ENTROPY_HARDWARE_ALT
