#ifndef CSHA256_H
#define CSHA256_H

#include <stddef.h>
#include <stdint.h>

/// Whether this CPU has the x86 SHA extensions (and SSE4.1) that csha256_compress uses:
/// 1 or 0, from CPUID (leaf 7 EBX bit 29, leaf 1 ECX bits 9 and 19). Always 0 on other CPUs.
int csha256_hardware_available(void);

/// Compresses `blocks` consecutive 64-byte blocks at `message` into the SHA-256 state `state`
/// (H0 ... H7 of FIPS 180-4, native byte order) with the SHA extensions. Only call it when
/// csha256_hardware_available() returned 1; on other CPUs it does nothing.
void csha256_compress(uint32_t state[8], const uint8_t *message, size_t blocks);

#endif
