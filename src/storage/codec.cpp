#include "storage/codec.hpp"

#include <magic.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>
#include <zlib.h>
#include <zstd.h>

#include "core/cipher.hpp"
#include "core/error.hpp"

namespace basalt::storage {
namespace {

constexpr int kZstdLevel = 3;

[[noreturn]] void fail(std::string message) { throw Error(ErrorType::kGeneralServerError, std::move(message)); }

// One libmagic handle per thread: handles are not thread-safe, loading one takes ~1 ms.
class Magic {
public:
    Magic() : cookie_(magic_open(MAGIC_MIME_TYPE)) {
        if (cookie_ && magic_load(cookie_, nullptr) != 0) {
            magic_close(cookie_);
            cookie_ = nullptr;
        }
    }
    ~Magic() {
        if (cookie_) magic_close(cookie_);
    }
    Magic(const Magic&) = delete;
    Magic& operator=(const Magic&) = delete;
    magic_t get() const { return cookie_; }

private:
    magic_t cookie_;
};

// gzip (RFC 1952) through zlib: windowBits 15 + 16 selects the gzip wrapper.
std::string gzip(std::string_view data, bool deflating) {
    z_stream z{};
    const int init = deflating ? deflateInit2(&z, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY)
                               : inflateInit2(&z, 15 + 16);
    if (init != Z_OK) fail("zlib init failed");
    std::string out;
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
    z.avail_in = static_cast<uInt>(data.size());
    char buffer[1 << 16];
    int rc = Z_OK;
    do {
        z.next_out = reinterpret_cast<Bytef*>(buffer);
        z.avail_out = sizeof buffer;
        rc = deflating ? deflate(&z, Z_FINISH) : inflate(&z, Z_NO_FLUSH);
        if (rc != Z_OK && rc != Z_STREAM_END && rc != Z_BUF_ERROR) break;
        out.append(buffer, sizeof buffer - z.avail_out);
        if (rc == Z_BUF_ERROR && z.avail_in == 0 && z.avail_out != 0) break;
    } while (rc != Z_STREAM_END);
    deflating ? deflateEnd(&z) : inflateEnd(&z);
    if (rc != Z_STREAM_END) fail("gzip stream corrupt");
    return out;
}

std::string zstd_compress(std::string_view data) {
    std::string out(ZSTD_compressBound(data.size()), '\0');
    const auto n = ZSTD_compress(out.data(), out.size(), data.data(), data.size(), kZstdLevel);
    if (ZSTD_isError(n)) fail(std::string("zstd: ") + ZSTD_getErrorName(n));
    out.resize(n);
    return out;
}

std::string zstd_decompress(std::string_view data) {
    std::unique_ptr<ZSTD_DCtx, decltype(&ZSTD_freeDCtx)> ctx(ZSTD_createDCtx(), ZSTD_freeDCtx);
    ZSTD_inBuffer in{data.data(), data.size(), 0};
    std::string out;
    std::string buffer(ZSTD_DStreamOutSize(), '\0');
    std::size_t rc = 1;
    while (in.pos < in.size || rc != 0) {
        ZSTD_outBuffer chunk{buffer.data(), buffer.size(), 0};
        rc = ZSTD_decompressStream(ctx.get(), &chunk, &in);
        if (ZSTD_isError(rc)) fail(std::string("zstd: ") + ZSTD_getErrorName(rc));
        out.append(buffer.data(), chunk.pos);
        if (in.pos == in.size && chunk.pos == 0 && rc != 0) fail("zstd stream truncated");
    }
    return out;
}

const unsigned char* bytes(std::string_view s) { return reinterpret_cast<const unsigned char*>(s.data()); }

}  // namespace

struct Md5::State {
    std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx{EVP_MD_CTX_new(), EVP_MD_CTX_free};
};

Md5::Md5() : state_(std::make_unique<State>()) {
    if (!state_->ctx || EVP_DigestInit_ex(state_->ctx.get(), EVP_md5(), nullptr) != 1) fail("md5 init failed");
}

Md5::~Md5() = default;

void Md5::update(std::string_view data) {
    if (EVP_DigestUpdate(state_->ctx.get(), data.data(), data.size()) != 1) fail("md5 failed");
}

std::string Md5::hex() {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int size = 0;
    if (EVP_DigestFinal_ex(state_->ctx.get(), digest, &size) != 1) fail("md5 failed");
    return to_hex(std::string_view(reinterpret_cast<const char*>(digest), size));
}

std::string sniff_mime_type(std::string_view head) {
    thread_local Magic magic;
    if (magic.get()) {
        if (const char* type = magic_buffer(magic.get(), head.data(), head.size())) return type;
    }
    return "application/octet-stream";
}

std::string compress(std::string_view algorithm, std::string_view data) {
    if (algorithm == "gzip") return gzip(data, true);
    if (algorithm == "zstd") return zstd_compress(data);
    return std::string(data);
}

std::string decompress(std::string_view algorithm, std::string_view data) {
    if (algorithm == "gzip") return gzip(data, false);
    if (algorithm == "zstd") return zstd_decompress(data);
    return std::string(data);
}

Sealed encrypt(std::string_view key, std::string_view plain) { return crypto::aes_gcm_seal(key, plain); }

std::string decrypt(std::string_view key, std::string_view sealed, std::string_view iv, std::string_view tag) {
    auto plain = crypto::aes_gcm_open(key, sealed, iv, tag);
    if (!plain) fail("AES-256-GCM: the stored file does not authenticate");
    return std::move(*plain);
}

std::string project_key(std::string_view master_key, std::string_view project_id) {
    const std::string message = "basalt-storage-v1:" + std::string(project_id);
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int size = 0;
    if (!HMAC(EVP_sha256(), master_key.data(), static_cast<int>(master_key.size()), bytes(message), message.size(),
              digest, &size)) {
        fail("HMAC failed");
    }
    return std::string(reinterpret_cast<const char*>(digest), size);
}

std::string to_hex(std::string_view data) {
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string out(data.size() * 2, '\0');
    for (std::size_t i = 0; i < data.size(); ++i) {
        const auto c = static_cast<unsigned char>(data[i]);
        out[2 * i] = kDigits[c >> 4];
        out[2 * i + 1] = kDigits[c & 0xf];
    }
    return out;
}

std::string from_hex(std::string_view hex) {
    if (hex.size() % 2) return {};
    std::string out(hex.size() / 2, '\0');
    for (std::size_t i = 0; i < out.size(); ++i) {
        int value = 0;
        for (int k = 0; k < 2; ++k) {
            const char c = hex[2 * i + k];
            int digit = -1;
            if (c >= '0' && c <= '9') digit = c - '0';
            else if (c >= 'a' && c <= 'f') digit = c - 'a' + 10;
            else if (c >= 'A' && c <= 'F') digit = c - 'A' + 10;
            if (digit < 0) return {};
            value = value * 16 + digit;
        }
        out[i] = static_cast<char>(value);
    }
    return out;
}

}  // namespace basalt::storage
