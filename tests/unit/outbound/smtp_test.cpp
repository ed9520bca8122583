// send_email() against an SMTP peer on loopback. The peer is a small scripted SMTP responder
// written here (it is the other side, not the code under test) because the test must make it
// ask for AUTH, refuse a recipient or fall silent, which no SMTP server packaged in Debian 12
// without extra dependencies does.
#include "outbound/smtp.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <boost/asio.hpp>
#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "core/crypto.hpp"
#include "core/error.hpp"

namespace basalt::outbound {
namespace {

namespace asio = boost::asio;
using asio::ip::tcp;

struct PeerScript {
    std::string user;  // AUTH PLAIN/LOGIN required when not empty
    std::string password;
    std::string refused_recipient;  // RCPT TO this address gets 550
    bool silent = false;            // accept the connection and never answer
};

// Serves exactly one SMTP connection and records what it received.
class SmtpPeer {
public:
    explicit SmtpPeer(PeerScript script)
        : script_(std::move(script)), acceptor_(io_, {asio::ip::make_address("127.0.0.1"), 0}) {
        runner_ = std::thread([this] { serve(); });
    }
    ~SmtpPeer() {
        if (!served_) {  // nothing connected: unblock accept() with a connection of our own
            tcp::socket wake(io_);
            boost::system::error_code ignored;
            wake.connect(acceptor_.local_endpoint(), ignored);
        }
        wait();
    }
    int port() const { return acceptor_.local_endpoint().port(); }

    // Waits for the session to end (it ends when the client hangs up); the recorded fields
    // below are valid after it.
    void wait() {
        if (runner_.joinable()) runner_.join();
    }

    std::string mail_from, data, auth_user;
    std::vector<std::string> rcpt_to;

private:
    std::string read_line(tcp::socket& socket) {
        const auto n = asio::read_until(socket, asio::dynamic_buffer(buffer_), "\r\n");
        std::string line = buffer_.substr(0, n - 2);
        buffer_.erase(0, n);
        return line;
    }
    static void say(tcp::socket& socket, const std::string& reply) {
        asio::write(socket, asio::buffer(reply + "\r\n"));
    }

    bool check_plain(const std::string& encoded) {
        const auto decoded = crypto::base64_decode(encoded).value_or("");
        if (decoded !=
            std::string("\0", 1) + script_.user + std::string("\0", 1) + script_.password)
            return false;
        auth_user = script_.user;
        return true;
    }

    void serve() {
        tcp::socket socket(io_);
        acceptor_.accept(socket);
        served_ = true;
        if (script_.silent) {
            boost::system::error_code ec;
            char byte;
            socket.read_some(asio::buffer(&byte, 1), ec);  // until the client gives up
            return;
        }
        try {
            session(socket);
        } catch (const boost::system::system_error&) {
            // The client hung up (after an error it reports itself).
        }
    }

    void session(tcp::socket& socket) {
        say(socket, "220 peer.test ESMTP");
        for (;;) {
            const auto line = read_line(socket);
            const auto verb = line.substr(0, line.find(' '));
            if (verb == "EHLO") {
                say(socket, "250-peer.test");
                if (!script_.user.empty()) say(socket, "250-AUTH PLAIN LOGIN");
                say(socket, "250 8BITMIME");
            } else if (verb == "AUTH" && line.starts_with("AUTH PLAIN")) {
                std::string encoded = line.size() > 11 ? line.substr(11) : "";
                if (encoded.empty()) {
                    say(socket, "334 ");
                    encoded = read_line(socket);
                }
                say(socket,
                    check_plain(encoded) ? "235 2.7.0 Accepted" : "535 5.7.8 Bad credentials");
            } else if (verb == "AUTH") {
                say(socket, "504 Only PLAIN here");
            } else if (verb == "MAIL") {
                if (!script_.user.empty() && auth_user.empty()) {
                    say(socket, "530 5.7.0 Authentication required");
                    continue;
                }
                mail_from = line.substr(10);
                say(socket, "250 OK");
            } else if (verb == "RCPT") {
                const auto to = line.substr(8);
                if (to == "<" + script_.refused_recipient + ">") {
                    say(socket, "550 5.1.1 No such mailbox");
                    continue;
                }
                rcpt_to.push_back(to);
                say(socket, "250 OK");
            } else if (verb == "DATA") {
                say(socket, "354 Go ahead");
                for (auto l = read_line(socket); l != "."; l = read_line(socket)) {
                    data += (l.starts_with('.') ? l.substr(1) : l) + "\r\n";  // dot-unstuffing
                }
                say(socket, "250 Queued");
            } else if (verb == "QUIT") {
                say(socket, "221 Bye");
                return;
            } else {
                say(socket, "502 Unknown command");
            }
        }
    }

    PeerScript script_;
    asio::io_context io_;
    tcp::acceptor acceptor_;
    std::string buffer_;
    std::atomic<bool> served_ = false;
    std::thread runner_;
};

// Header fields of a message (unfolded), keys in lower case; the body after the blank line.
struct Parsed {
    std::map<std::string, std::string> headers;
    std::string body;
};

Parsed parse(const std::string& message) {
    Parsed parsed;
    const auto end = message.find("\r\n\r\n");
    std::string head = message.substr(0, end);
    parsed.body = message.substr(end + 4);
    std::string unfolded;
    for (std::size_t i = 0; i < head.size(); ++i) {
        if (head.compare(i, 3, "\r\n ") == 0) {
            i += 2;  // continuation: keep the space
            unfolded += ' ';
            continue;
        }
        unfolded += head[i];
    }
    std::size_t start = 0;
    while (start < unfolded.size()) {
        auto stop = unfolded.find("\r\n", start);
        if (stop == std::string::npos) stop = unfolded.size();
        const auto line = unfolded.substr(start, stop - start);
        const auto colon = line.find(':');
        std::string name = line.substr(0, colon);
        for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        parsed.headers[name] = line.substr(colon + 2);
        start = stop + 2;
    }
    return parsed;
}

std::string decode_quoted_printable(const std::string& text) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] != '=') {
            out += text[i];
        } else if (text.compare(i + 1, 2, "\r\n") == 0) {
            i += 2;  // soft line break
        } else {
            out += static_cast<char>(std::stoi(text.substr(i + 1, 2), nullptr, 16));
            i += 2;
        }
    }
    return out;
}

// The text of RFC 2047 "=?UTF-8?B?...?=" words separated by single spaces (as unfolded).
std::string decode_words(const std::string& header) {
    std::string decoded;
    std::size_t start = 0;
    while (start < header.size()) {
        auto stop = header.find(' ', start);
        if (stop == std::string::npos) stop = header.size();
        const auto word = header.substr(start, stop - start);
        EXPECT_LE(word.size(), 75u);
        if (!word.starts_with("=?UTF-8?B?") || !word.ends_with("?=")) {
            ADD_FAILURE() << "not an encoded word: " << word;
            return {};
        }
        const auto bytes = crypto::base64_decode(word.substr(10, word.size() - 12));
        if (!bytes || bytes->empty()) {
            ADD_FAILURE() << "bad base64 in " << word;
            return {};
        }
        EXPECT_NE(static_cast<unsigned char>((*bytes)[0]) & 0xC0, 0x80)
            << "a word starts mid-character";
        decoded += *bytes;
        start = stop + 1;
    }
    return decoded;
}

// The decoded parts of a multipart message, keyed by their Content-Type.
std::map<std::string, std::string> parts_of(const Parsed& message) {
    const auto& type = message.headers.at("content-type");
    const auto boundary = "--" + type.substr(type.find("boundary=") + 9);
    std::map<std::string, std::string> parts;
    std::size_t at = message.body.find(boundary);
    while (at != std::string::npos && message.body.compare(at + boundary.size(), 2, "--") != 0) {
        const auto start = at + boundary.size() + 2;
        const auto next = message.body.find("\r\n" + boundary, start);
        const auto part = parse(message.body.substr(start, next - start));
        EXPECT_EQ(part.headers.at("content-transfer-encoding"), "quoted-printable");
        parts[part.headers.at("content-type")] = decode_quoted_printable(part.body);
        at = next + 2;
    }
    return parts;
}

SmtpSettings settings_for(const SmtpPeer& peer) {
    return {.sender_name = "Basalt Tests",
            .sender_email = "sender@example.com",
            .host = "127.0.0.1",
            .port = peer.port(),
            .connect_timeout_ms = 2000,
            .response_timeout_ms = 2000,
            .timeout_ms = 5000};
}

const Email kEmail{.to_email = "ada@example.org",
                   .to_name = "Ada Lovelace",
                   .subject = "Verify your email",
                   .html = "<p>Hello <strong>Ada</strong></p>",
                   .text = "Hello Ada"};

TEST(Smtp, SendsAMultipartMessageWithHeaders) {
    SmtpPeer peer({});
    auto settings = settings_for(peer);
    settings.reply_to_name = "Support";
    settings.reply_to_email = "help@example.com";
    send_email(settings, kEmail);
    peer.wait();

    EXPECT_EQ(peer.mail_from, "<sender@example.com>");
    EXPECT_EQ(peer.rcpt_to, std::vector<std::string>{"<ada@example.org>"});
    const auto message = parse(peer.data);
    EXPECT_EQ(message.headers.at("from"), "\"Basalt Tests\" <sender@example.com>");
    EXPECT_EQ(message.headers.at("to"), "\"Ada Lovelace\" <ada@example.org>");
    EXPECT_EQ(message.headers.at("reply-to"), "\"Support\" <help@example.com>");
    EXPECT_EQ(message.headers.at("subject"), "Verify your email");
    EXPECT_TRUE(message.headers.at("message-id").ends_with("@example.com>"));
    EXPECT_EQ(message.headers.at("date").size(),
              std::string("Tue, 05 Mar 2024 14:03:22 +0000").size());
    EXPECT_TRUE(message.headers.at("date").ends_with(" +0000"));
    EXPECT_TRUE(message.headers.at("content-type").starts_with("multipart/alternative; boundary="));
    const auto parts = parts_of(message);
    ASSERT_EQ(parts.size(), 2u);
    EXPECT_EQ(parts.at("text/plain; charset=utf-8"), "Hello Ada");
    EXPECT_EQ(parts.at("text/html; charset=utf-8"), "<p>Hello <strong>Ada</strong></p>");
}

TEST(Smtp, EncodesNonAsciiSubjectsAndNamesAndKeepsBodiesIntact) {
    SmtpPeer peer({});
    auto settings = settings_for(peer);
    settings.sender_name = "Équipe Basalt";
    Email email = kEmail;
    email.to_name = "Zoe \"Z\" O'Neil";
    email.subject =
        std::string("Vérifiez votre adresse e-mail pour l'application « Mon Projet » ") +
        "\r\nBcc: x@y";
    email.text =
        "Ligne 1\r\n.point\r\n" + std::string(1200, 'x');  // dot at line start, a line over 998
    send_email(settings, email);
    peer.wait();

    const auto message = parse(peer.data);
    EXPECT_EQ(message.headers.count("bcc"), 0u)
        << "a line break in the subject must not start a header";
    EXPECT_TRUE(message.headers.at("subject").starts_with("=?UTF-8?B?"));
    EXPECT_EQ(message.headers.at("subject").find('\r'), std::string::npos);
    EXPECT_EQ(decode_words(message.headers.at("subject")),
              "Vérifiez votre adresse e-mail pour l'application « Mon Projet »   Bcc: x@y");
    EXPECT_EQ(message.headers.at("to"), "\"Zoe \\\"Z\\\" O'Neil\" <ada@example.org>");
    EXPECT_EQ(
        decode_words(message.headers.at("from").substr(0, message.headers.at("from").find(" <"))),
        "Équipe Basalt");
    EXPECT_TRUE(message.headers.at("from").ends_with(" <sender@example.com>"));
    EXPECT_EQ(parts_of(message).at("text/plain; charset=utf-8"), email.text);
}

TEST(Smtp, HeaderTextEncodingSplitsWordsOnCharacterBoundaries) {
    EXPECT_EQ(encode_header_text("Plain subject"), "Plain subject");
    const std::string text = "Réinitialisation du mot de passe — 日本語のテキストがここに続きます";
    auto encoded = encode_header_text(text);
    EXPECT_NE(encoded.find("\r\n "), std::string::npos) << "a long text takes several words";
    for (auto at = encoded.find("\r\n "); at != std::string::npos; at = encoded.find("\r\n ")) {
        encoded.erase(at, 2);  // unfold
    }
    EXPECT_EQ(decode_words(encoded), text);
    EXPECT_TRUE(encode_header_text("looks =?like?= a word").starts_with("=?UTF-8?B?"));
}

TEST(Smtp, AuthenticatesWhenAUsernameIsSet) {
    SmtpPeer peer({.user = "mailer", .password = "s3cret"});
    auto settings = settings_for(peer);
    settings.username = "mailer";
    settings.password = "s3cret";
    send_email(settings, kEmail);
    peer.wait();
    EXPECT_EQ(peer.auth_user, "mailer");
    EXPECT_FALSE(peer.data.empty());
}

TEST(Smtp, ReportsRefusedCredentials) {
    SmtpPeer peer({.user = "mailer", .password = "s3cret"});
    auto settings = settings_for(peer);
    settings.username = "mailer";
    settings.password = "wrong";
    try {
        send_email(settings, kEmail);
        FAIL() << "bad credentials were accepted";
    } catch (const Error& error) {
        EXPECT_EQ(error.type(), ErrorType::kGeneralServerError);
    }
    peer.wait();
    EXPECT_TRUE(peer.data.empty());
}

TEST(Smtp, ReportsARefusedRecipient) {
    SmtpPeer peer({.refused_recipient = "ada@example.org"});
    try {
        send_email(settings_for(peer), kEmail);
        FAIL() << "a refused recipient was reported as sent";
    } catch (const Error& error) {
        EXPECT_EQ(error.type(), ErrorType::kGeneralServerError);
        EXPECT_NE(std::string(error.what()).find("550"), std::string::npos) << error.what();
    }
}

TEST(Smtp, TimesOutOnASilentServer) {
    SmtpPeer peer({.silent = true});
    auto settings = settings_for(peer);
    settings.response_timeout_ms = 500;
    settings.timeout_ms = 1500;
    const auto start = std::chrono::steady_clock::now();
    EXPECT_THROW(send_email(settings, kEmail), Error);
    EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(4));
}

TEST(Smtp, RequiresTlsWhenAsked) {
    {
        SmtpPeer peer({});  // offers no STARTTLS
        auto settings = settings_for(peer);
        settings.secure = "tls";
        EXPECT_THROW(send_email(settings, kEmail), Error);
        peer.wait();
        EXPECT_TRUE(peer.data.empty()) << "the message went out in clear text";
    }
    {
        SmtpPeer peer({});  // speaks plain text where TLS is expected
        auto settings = settings_for(peer);
        settings.secure = "ssl";
        EXPECT_THROW(send_email(settings, kEmail), Error);
    }
}

TEST(Smtp, FailsOnAnUnreachableServer) {
    SmtpSettings settings{.sender_email = "sender@example.com",
                          .host = "127.0.0.1",
                          .port = 1,
                          .connect_timeout_ms = 2000};
    EXPECT_THROW(send_email(settings, kEmail), Error);
}

TEST(Smtp, RefusesUnusableInputBeforeConnecting) {
    SmtpSettings settings{.sender_email = "sender@example.com", .host = "127.0.0.1", .port = 1};
    const auto type_of = [](const SmtpSettings& s, const Email& e) {
        try {
            send_email(s, e);
        } catch (const Error& error) {
            return error.type();
        }
        return ErrorType::kGeneralUnknown;
    };
    Email email = kEmail;
    for (const auto* bad :
         {"", "no-at-sign", "a b@example.org", "a@example.org>\r\nRCPT TO:<b@x>", "@x", "x@"}) {
        email.to_email = bad;
        EXPECT_EQ(type_of(settings, email), ErrorType::kGeneralInvalidEmail) << bad;
    }
    SmtpSettings bad_sender = settings;
    bad_sender.sender_email = "sender";
    EXPECT_EQ(type_of(bad_sender, kEmail), ErrorType::kGeneralInvalidEmail);
    SmtpSettings bad_secure = settings;
    bad_secure.secure = "starttls";
    EXPECT_EQ(type_of(bad_secure, kEmail), ErrorType::kGeneralArgumentInvalid);
    Email empty = kEmail;
    empty.html.clear();
    empty.text.clear();
    EXPECT_EQ(type_of(settings, empty), ErrorType::kGeneralArgumentInvalid);
    SmtpSettings no_host = settings;
    no_host.host.clear();
    EXPECT_EQ(type_of(no_host, kEmail), ErrorType::kGeneralServerError);
    // Refused by the check itself (a connection attempt to port 1 would fail differently).
    const auto message_of = [](const SmtpSettings& s) {
        try {
            send_email(s, kEmail);
        } catch (const Error& error) {
            return std::string(error.what());
        }
        return std::string("sent");
    };
    for (const auto* host : {"user@127.0.0.1", "127.0.0.1/x", "127.0.0.1 ", "a?b"}) {
        SmtpSettings bad_host = settings;
        bad_host.host = host;
        EXPECT_EQ(message_of(bad_host), "Invalid SMTP host or port") << host;
    }
    for (const int port : {0, -1, 65536}) {
        SmtpSettings bad_port = settings;
        bad_port.port = port;
        EXPECT_EQ(message_of(bad_port), "Invalid SMTP host or port") << port;
    }
}

}  // namespace
}  // namespace basalt::outbound
