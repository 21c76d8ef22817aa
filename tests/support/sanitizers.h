#pragma once

// Whether this build runs under AddressSanitizer: GCC says so with __SANITIZE_ADDRESS__, Clang
// with __has_feature. Tests whose bounds or allocator facts differ under it read this.
#if defined(__SANITIZE_ADDRESS__)
#define CODERAI_UNDER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define CODERAI_UNDER_ASAN 1
#endif
#endif

namespace coderai::test {

#ifdef CODERAI_UNDER_ASAN
inline constexpr bool kUnderAddressSanitizer = true;
#else
inline constexpr bool kUnderAddressSanitizer = false;
#endif

} // namespace coderai::test
