#include "platform/locale/locale_data.hpp"

namespace basalt::platform {
namespace {

#include "locale_tables.inc"

}  // namespace

std::span<const PhoneCode> phone_codes() noexcept { return kPhoneCodes; }

std::span<const IsoLanguage> iso_languages() noexcept { return kIsoLanguages; }

}  // namespace basalt::platform
