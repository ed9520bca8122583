#include "storage/s3_xml.hpp"

#include <libxml/parser.h>
#include <libxml/tree.h>

#include <memory>

#include "core/error.hpp"

namespace basalt::storage::s3xml {
namespace {

struct DocFree {
    void operator()(xmlDoc* doc) const { xmlFreeDoc(doc); }
};
using Doc = std::unique_ptr<xmlDoc, DocFree>;

// NONET: never fetch anything an answer refers to; no entity expansion (XXE).
Doc parse(std::string_view body) {
    if (body.empty()) return nullptr;
    return Doc(xmlReadMemory(body.data(), static_cast<int>(body.size()), "s3.xml", nullptr,
                             XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING));
}

[[noreturn]] void malformed(std::string_view what) {
    throw Error(ErrorType::kGeneralServerError, std::string("The storage device sent a malformed ") + std::string(what));
}

bool named(const xmlNode* node, std::string_view name) {
    return node->type == XML_ELEMENT_NODE && name == reinterpret_cast<const char*>(node->name);
}

const xmlNode* child(const xmlNode* parent, std::string_view name) {
    for (auto* node = parent->children; node; node = node->next) {
        if (named(node, name)) return node;
    }
    return nullptr;
}

std::string text(const xmlNode* node) {
    if (!node) return {};
    xmlChar* content = xmlNodeGetContent(node);
    std::string out = content ? reinterpret_cast<const char*>(content) : "";
    xmlFree(content);
    return out;
}

std::string child_text(const xmlNode* parent, std::string_view name) { return text(child(parent, name)); }

const xmlNode* root_named(const Doc& doc, std::string_view name) {
    if (!doc) return nullptr;
    const auto* root = xmlDocGetRootElement(doc.get());
    return root && named(root, name) ? root : nullptr;
}

const xmlChar* x(const char* s) { return reinterpret_cast<const xmlChar*>(s); }

std::string serialise(xmlDoc* doc) {
    xmlChar* out = nullptr;
    int size = 0;
    xmlDocDumpMemoryEnc(doc, &out, &size, "UTF-8");
    std::string text(reinterpret_cast<const char*>(out), static_cast<std::size_t>(size));
    xmlFree(out);
    return text;
}

}  // namespace

std::optional<S3Error> parse_error(std::string_view body) {
    const auto doc = parse(body);
    const auto* root = root_named(doc, "Error");
    if (!root) return std::nullopt;
    return S3Error{child_text(root, "Code"), child_text(root, "Message")};
}

std::string parse_upload_id(std::string_view body) {
    const auto doc = parse(body);
    const auto* root = root_named(doc, "InitiateMultipartUploadResult");
    auto id = root ? child_text(root, "UploadId") : std::string();
    if (id.empty()) malformed("InitiateMultipartUploadResult");
    return id;
}

ListPage parse_list_page(std::string_view body) {
    const auto doc = parse(body);
    const auto* root = root_named(doc, "ListBucketResult");
    if (!root) malformed("ListBucketResult");
    ListPage page;
    for (auto* node = root->children; node; node = node->next) {
        if (named(node, "Contents")) page.keys.push_back(child_text(node, "Key"));
    }
    if (child_text(root, "IsTruncated") == "true") {
        page.next_token = child_text(root, "NextContinuationToken");
        if (page.next_token.empty()) malformed("ListBucketResult (truncated without a continuation token)");
    }
    return page;
}

std::vector<std::string> parse_delete_errors(std::string_view body) {
    const auto doc = parse(body);
    const auto* root = root_named(doc, "DeleteResult");
    if (!root) malformed("DeleteResult");
    std::vector<std::string> errors;
    for (auto* node = root->children; node; node = node->next) {
        if (named(node, "Error")) {
            errors.push_back(child_text(node, "Key") + ": " + child_text(node, "Code") + " " +
                             child_text(node, "Message"));
        }
    }
    return errors;
}

std::string delete_request(const std::vector<std::string>& keys) {
    Doc doc(xmlNewDoc(x("1.0")));
    auto* root = xmlNewNode(nullptr, x("Delete"));
    xmlDocSetRootElement(doc.get(), root);
    xmlNewTextChild(root, nullptr, x("Quiet"), x("true"));
    for (const auto& key : keys) {
        auto* object = xmlNewChild(root, nullptr, x("Object"), nullptr);
        xmlNewTextChild(object, nullptr, x("Key"), x(key.c_str()));  // escapes the text
    }
    return serialise(doc.get());
}

std::string complete_request(const std::vector<std::pair<std::int64_t, std::string>>& parts) {
    Doc doc(xmlNewDoc(x("1.0")));
    auto* root = xmlNewNode(nullptr, x("CompleteMultipartUpload"));
    xmlDocSetRootElement(doc.get(), root);
    for (const auto& [number, etag] : parts) {
        auto* part = xmlNewChild(root, nullptr, x("Part"), nullptr);
        xmlNewTextChild(part, nullptr, x("PartNumber"), x(std::to_string(number).c_str()));
        xmlNewTextChild(part, nullptr, x("ETag"), x(etag.c_str()));
    }
    return serialise(doc.get());
}

}  // namespace basalt::storage::s3xml
