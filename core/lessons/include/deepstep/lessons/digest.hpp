#pragma once
// SHA-256 (FIPS 180-4) and HMAC-SHA-256 (RFC 2104), for labs: a lab's content hash, a
// student's variant seed, and the MAC on a result file. Checked against the standards'
// own test vectors (tst_lab).

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace deepstep {

using Sha256Digest = std::array<std::uint8_t, 32>;

Sha256Digest sha256(std::string_view data);
Sha256Digest hmacSha256(std::string_view key, std::string_view message);
/// Lower-case hexadecimal, two digits per byte.
std::string toHex(const Sha256Digest& digest);
/// The bytes of a hexadecimal string (either case); empty for an odd length or a
/// character that is no hex digit.
std::string fromHex(std::string_view hex);

}  // namespace deepstep
