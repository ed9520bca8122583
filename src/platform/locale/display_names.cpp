#include "platform/locale/display_names.hpp"

#include <unicode/locdspnm.h>
#include <unicode/udata.h>
#include <unicode/ures.h>

#include <array>
#include <cstring>

#include "core/error.hpp"

namespace basalt::platform {
namespace {

std::optional<std::string> to_utf8(const icu::UnicodeString& text) {
    if (text.isBogus() || text.isEmpty()) {
        return std::nullopt;
    }
    std::string out;
    text.toUTF8String(out);
    return out;
}

}  // namespace

bool icu_has_names_for(std::string_view icu_id) {
    // Region names live in the "region" tree; languages in "lang" with the same coverage.
    const std::string id(icu_id);
    UErrorCode status = U_ZERO_ERROR;
    UResourceBundle* bundle =
        ures_open(U_ICUDATA_NAME U_TREE_SEPARATOR_STRING "region", id.c_str(), &status);
    if (U_FAILURE(status)) {
        ures_close(bundle);
        return false;
    }
    // U_USING_DEFAULT_WARNING means ICU fell back to the default locale or root.
    const bool found = status != U_USING_DEFAULT_WARNING;
    UErrorCode actual_status = U_ZERO_ERROR;
    const char* actual = ures_getLocaleByType(bundle, ULOC_ACTUAL_LOCALE, &actual_status);
    const bool not_root =
        U_SUCCESS(actual_status) && actual != nullptr && std::strcmp(actual, "root") != 0;
    ures_close(bundle);
    return found && not_root;
}

DisplayNames::DisplayNames(std::string_view icu_id) {
    std::array contexts{UDISPCTX_NO_SUBSTITUTE, UDISPCTX_CAPITALIZATION_FOR_UI_LIST_OR_MENU};
    names_.reset(icu::LocaleDisplayNames::createInstance(icu::Locale(std::string(icu_id).c_str()),
                                                         contexts.data(),
                                                         static_cast<int32_t>(contexts.size())));
    if (!names_) {
        throw Error(ErrorType::kGeneralServerError,
                    "ICU cannot create display names for locale " + std::string(icu_id));
    }
}

DisplayNames::~DisplayNames() = default;

std::optional<std::string> DisplayNames::region(std::string_view code) const {
    icu::UnicodeString out;
    names_->regionDisplayName(std::string(code).c_str(), out);
    return to_utf8(out);
}

std::optional<std::string> DisplayNames::language(std::string_view code) const {
    icu::UnicodeString out;
    names_->languageDisplayName(std::string(code).c_str(), out);
    return to_utf8(out);
}

std::optional<std::string> DisplayNames::locale(std::string_view icu_id) const {
    icu::UnicodeString out;
    names_->localeDisplayName(std::string(icu_id).c_str(), out);
    return to_utf8(out);
}

}  // namespace basalt::platform
