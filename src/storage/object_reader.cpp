// ObjectReader over bytes in memory: what devices that cannot stream hand out (Device::open's
// default), and what decrypted or decompressed files are read from.
#include <algorithm>
#include <cstring>

#include "storage/device.hpp"

namespace basalt::storage {
namespace {

class MemoryReader final : public ObjectReader {
public:
    explicit MemoryReader(std::string bytes) : bytes_(std::move(bytes)) {}

    std::uint64_t size() const override { return bytes_.size(); }

    std::size_t read(char* out, std::size_t max) override {
        const auto n = std::min(max, bytes_.size() - position_);
        std::memcpy(out, bytes_.data() + position_, n);
        position_ += n;
        return n;
    }

private:
    const std::string bytes_;
    std::size_t position_ = 0;
};

}  // namespace

std::unique_ptr<ObjectReader> make_memory_reader(std::string bytes) {
    return std::make_unique<MemoryReader>(std::move(bytes));
}

}  // namespace basalt::storage
