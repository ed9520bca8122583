#include "databases/row_width.hpp"

namespace basalt::databases {
namespace {

constexpr std::int64_t kInternalColumns = 1067;
constexpr std::int64_t kMaxVarchar = 16'381;
constexpr std::int64_t kPointSize = 25;  // a WKB point with its SRID
constexpr std::int64_t kInt32Max = 2'147'483'647;

std::int64_t varchar_width(std::int64_t size) { return size * 4 + (size > 255 ? 2 : 1); }

std::int64_t width_of(const AttributeSpec& a) {
    if (a.array) return 20;
    switch (a.kind) {
        case Kind::kString:
        case Kind::kEmail:
        case Kind::kIp:
        case Kind::kUrl:
        case Kind::kEnum: {
            const auto size = a.kind == Kind::kString ? a.size : a.info().max_size;
            return size > kMaxVarchar ? 20 : varchar_width(size);
        }
        case Kind::kVarchar: return varchar_width(a.size);
        case Kind::kText:
        case Kind::kMediumtext:
        case Kind::kLongtext:
        case Kind::kLine:
        case Kind::kPolygon: return 20;
        // Appwrite makes an integer 64-bit when its maximum needs it (no maximum: the largest).
        case Kind::kInteger: return a.max.is_number() && a.max.to_number<double>() <= kInt32Max ? 4 : 8;
        case Kind::kFloat: return 8;
        case Kind::kBoolean: return 1;
        case Kind::kDatetime: return 7;
        case Kind::kRelationship: return 255 * 4 + 1;
        case Kind::kPoint: return kPointSize;
    }
    return 0;
}

}  // namespace

std::int64_t row_width(const Collection& collection) {
    std::int64_t total = kInternalColumns;
    for (const auto& a : collection.attributes) total += width_of(a);
    return total;
}

}  // namespace basalt::databases
