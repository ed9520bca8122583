#include "platform/device/short_codes.hpp"

#include <algorithm>
#include <array>
#include <cctype>

namespace basalt::device {
namespace {

// Every OS the bundled oss.yml can name, with Matomo's code and family.
constexpr std::array kOperatingSystems = {
    OsEntry{"AIX", "AIX", "Unix"},
    OsEntry{"AND", "Android", "Android"},
    OsEntry{"AMG", "AmigaOS", "AmigaOS"},
    OsEntry{"ATV", "Apple TV", "Apple TV"},
    OsEntry{"ARL", "Arch Linux", "GNU/Linux"},
    OsEntry{"BTR", "BackTrack", "GNU/Linux"},
    OsEntry{"SBA", "Bada", "Other Mobile"},
    OsEntry{"BEO", "BeOS", "BeOS"},
    OsEntry{"BLB", "BlackBerry OS", "BlackBerry"},
    OsEntry{"QNX", "BlackBerry Tablet OS", "BlackBerry"},
    OsEntry{"BMP", "Brew", "Brew"},
    OsEntry{"CES", "CentOS", "GNU/Linux"},
    OsEntry{"COS", "Chrome OS", "Chrome OS"},
    OsEntry{"CYN", "CyanogenMod", "Android"},
    OsEntry{"DEB", "Debian", "GNU/Linux"},
    OsEntry{"DFB", "DragonFly", "Unix"},
    OsEntry{"FED", "Fedora", "GNU/Linux"},
    OsEntry{"FOS", "Firefox OS", "Firefox OS"},
    OsEntry{"BSD", "FreeBSD", "Unix"},
    OsEntry{"GNT", "Gentoo", "GNU/Linux"},
    OsEntry{"GTV", "Google TV", "Google TV"},
    OsEntry{"HPX", "HP-UX", "Unix"},
    OsEntry{"HAI", "Haiku OS", "BeOS"},
    OsEntry{"IRI", "IRIX", "Unix"},
    OsEntry{"INF", "Inferno", "Unix"},
    OsEntry{"KNO", "Knoppix", "GNU/Linux"},
    OsEntry{"KBT", "Kubuntu", "GNU/Linux"},
    OsEntry{"LIN", "GNU/Linux", "GNU/Linux"},
    OsEntry{"LBT", "Lubuntu", "GNU/Linux"},
    OsEntry{"VLN", "VectorLinux", "GNU/Linux"},
    OsEntry{"MAC", "Mac", "Mac"},
    OsEntry{"MAE", "Maemo", "Other Mobile"},
    OsEntry{"MDR", "Mandriva", "GNU/Linux"},
    OsEntry{"SMG", "MeeGo", "Other Mobile"},
    OsEntry{"MCD", "MocorDroid", "Android"},
    OsEntry{"MIN", "Mint", "GNU/Linux"},
    OsEntry{"MLD", "MildWild", "Android"},
    OsEntry{"MOR", "MorphOS", "AmigaOS"},
    OsEntry{"NBS", "NetBSD", "Unix"},
    OsEntry{"MTK", "MTK / Nucleus", "Real-time OS"},
    OsEntry{"WII", "Nintendo", "Gaming Console"},
    OsEntry{"NDS", "Nintendo Mobile", "Mobile Gaming Console"},
    OsEntry{"OS2", "OS/2", "IBM"},
    OsEntry{"T64", "OSF1", "Unix"},
    OsEntry{"OBS", "OpenBSD", "Unix"},
    OsEntry{"PSP", "PlayStation Portable", "Mobile Gaming Console"},
    OsEntry{"PS3", "PlayStation", "Gaming Console"},
    OsEntry{"RHT", "Red Hat", "GNU/Linux"},
    OsEntry{"ROS", "RISC OS", "RISC OS"},
    OsEntry{"REM", "Remix OS", "Android"},
    OsEntry{"RZD", "RazoDroiD", "Android"},
    OsEntry{"SAB", "Sabayon", "GNU/Linux"},
    OsEntry{"SSE", "SUSE", "GNU/Linux"},
    OsEntry{"SAF", "Sailfish OS", "GNU/Linux"},
    OsEntry{"SLW", "Slackware", "GNU/Linux"},
    OsEntry{"SOS", "Solaris", "Unix"},
    OsEntry{"SYL", "Syllable", "Unix"},
    OsEntry{"SYM", "Symbian", "Symbian"},
    OsEntry{"SYS", "Symbian OS", "Symbian"},
    OsEntry{"S40", "Symbian OS Series 40", "Symbian"},
    OsEntry{"S60", "Symbian OS Series 60", "Symbian"},
    OsEntry{"SY3", "Symbian^3", "Symbian"},
    OsEntry{"TDX", "ThreadX", "Real-time OS"},
    OsEntry{"TIZ", "Tizen", "Other Mobile"},
    OsEntry{"UBT", "Ubuntu", "GNU/Linux"},
    OsEntry{"WTV", "WebTV", "WebTV"},
    OsEntry{"WIN", "Windows", "Windows"},
    OsEntry{"WCE", "Windows CE", "Windows Mobile"},
    OsEntry{"WIO", "Windows IoT", "Windows Mobile"},
    OsEntry{"WMO", "Windows Mobile", "Windows Mobile"},
    OsEntry{"WPH", "Windows Phone", "Windows Mobile"},
    OsEntry{"WRT", "Windows RT", "Windows Mobile"},
    OsEntry{"XBX", "Xbox", "Mobile Gaming Console"},
    OsEntry{"XBT", "Xubuntu", "GNU/Linux"},
    OsEntry{"YNS", "YunOs", "Android"},
    OsEntry{"IOS", "iOS", "iOS"},
    OsEntry{"POS", "palmOS", "Other Mobile"},
    OsEntry{"WOS", "webOS", "Other Mobile"},
};

// The common browsers of the bundled browsers.yml; rarer ones keep an empty code.
constexpr std::array kBrowsers = {
    BrowserEntry{"36", "360 Phone Browser"},
    BrowserEntry{"3B", "360 Browser"},
    BrowserEntry{"AA", "Avant Browser"},
    BrowserEntry{"AL", "Aloha Browser"},
    BrowserEntry{"AN", "Android Browser"},
    BrowserEntry{"AO", "Amigo"},
    BrowserEntry{"AR", "Arora"},
    BrowserEntry{"BB", "BlackBerry Browser"},
    BrowserEntry{"BD", "Baidu Browser"},
    BrowserEntry{"BR", "Brave"},
    BrowserEntry{"BS", "Baidu Spark"},
    BrowserEntry{"CA", "Camino"},
    BrowserEntry{"CC", "Coc Coc"},
    BrowserEntry{"CD", "Comodo Dragon"},
    BrowserEntry{"CF", "Chrome Frame"},
    BrowserEntry{"CH", "Chrome"},
    BrowserEntry{"CI", "Chrome Mobile iOS"},
    BrowserEntry{"CM", "Chrome Mobile"},
    BrowserEntry{"CR", "Chromium"},
    BrowserEntry{"DF", "Dolphin"},
    BrowserEntry{"DI", "Dillo"},
    BrowserEntry{"EL", "Elinks"},
    BrowserEntry{"EP", "GNOME Web"},
    BrowserEntry{"ES", "Espial TV Browser"},
    BrowserEntry{"FE", "Fennec"},
    BrowserEntry{"FF", "Firefox"},
    BrowserEntry{"FK", "Firefox Focus"},
    BrowserEntry{"FL", "Flock"},
    BrowserEntry{"FM", "Firefox Mobile"},
    BrowserEntry{"GA", "Galeon"},
    BrowserEntry{"IA", "Iceape"},
    BrowserEntry{"IC", "iCab"},
    BrowserEntry{"IE", "Internet Explorer"},
    BrowserEntry{"IM", "IE Mobile"},
    BrowserEntry{"IR", "Iron"},
    BrowserEntry{"IW", "Iceweasel"},
    BrowserEntry{"KI", "Kindle Browser"},
    BrowserEntry{"KM", "K-meleon"},
    BrowserEntry{"KO", "Konqueror"},
    BrowserEntry{"KY", "Kylo"},
    BrowserEntry{"LI", "Links"},
    BrowserEntry{"LS", "Lunascape"},
    BrowserEntry{"LX", "Lynx"},
    BrowserEntry{"MF", "Mobile Safari"},
    BrowserEntry{"MI", "Midori"},
    BrowserEntry{"MS", "Mobile Silk"},
    BrowserEntry{"MU", "MIUI Browser"},
    BrowserEntry{"MX", "Maxthon"},
    BrowserEntry{"NB", "Nokia Browser"},
    BrowserEntry{"NF", "NetFront"},
    BrowserEntry{"NS", "Netscape"},
    BrowserEntry{"OB", "Obigo"},
    BrowserEntry{"OI", "Opera Mini"},
    BrowserEntry{"OM", "Opera Mobile"},
    BrowserEntry{"ON", "Opera Next"},
    BrowserEntry{"OP", "Opera"},
    BrowserEntry{"OV", "Openwave Mobile Browser"},
    BrowserEntry{"OW", "OmniWeb"},
    BrowserEntry{"PM", "Pale Moon"},
    BrowserEntry{"PS", "Microsoft Edge"},
    BrowserEntry{"PU", "Puffin"},
    BrowserEntry{"QQ", "QQ Browser"},
    BrowserEntry{"RK", "Rekonq"},
    BrowserEntry{"SA", "Sailfish Browser"},
    BrowserEntry{"SB", "Samsung Browser"},
    BrowserEntry{"SE", "Sogou Explorer"},
    BrowserEntry{"SF", "Safari"},
    BrowserEntry{"SL", "Sleipnir"},
    BrowserEntry{"SM", "SeaMonkey"},
    BrowserEntry{"TZ", "Tizen Browser"},
    BrowserEntry{"UC", "UC Browser"},
    BrowserEntry{"VI", "Vivaldi"},
    BrowserEntry{"WF", "Waterfox"},
    BrowserEntry{"YA", "Yandex Browser"},
};

constexpr std::array<std::string_view, 8> kDesktopOsFamilies = {
    "AmigaOS", "IBM", "GNU/Linux", "Mac", "Unix", "Windows", "BeOS", "Chrome OS"};

constexpr std::array<std::string_view, 17> kMobileOnlyBrowsers = {
    "360 Phone Browser", "Puffin",      "Skyfire",       "Mobile Safari",    "Opera Mini",
    "Opera Mobile",      "dbrowser",    "Streamy",       "B-Line",           "Isivioo",
    "Firefox Mobile",    "Coast",       "Aloha Browser", "Sailfish Browser", "Samsung Browser",
    "Firefox Rocket",    "Web Explorer"};

bool equal_ignoring_case(std::string_view a, std::string_view b) noexcept {
    return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
        return std::tolower(static_cast<unsigned char>(x)) ==
               std::tolower(static_cast<unsigned char>(y));
    });
}

}  // namespace

const OsEntry* find_os(std::string_view name) noexcept {
    for (const OsEntry& entry : kOperatingSystems) {
        if (equal_ignoring_case(entry.name, name)) {
            return &entry;
        }
    }
    return nullptr;
}

const OsEntry* find_os_by_code(std::string_view code) noexcept {
    for (const OsEntry& entry : kOperatingSystems) {
        if (entry.code == code) {
            return &entry;
        }
    }
    return nullptr;
}

const BrowserEntry* find_browser(std::string_view name) noexcept {
    for (const BrowserEntry& entry : kBrowsers) {
        if (equal_ignoring_case(entry.name, name)) {
            return &entry;
        }
    }
    return nullptr;
}

std::span<const OsEntry> known_operating_systems() noexcept { return kOperatingSystems; }

std::span<const BrowserEntry> known_browsers() noexcept { return kBrowsers; }

bool is_desktop_os_family(std::string_view family) noexcept {
    return std::find(kDesktopOsFamilies.begin(), kDesktopOsFamilies.end(), family) !=
           kDesktopOsFamilies.end();
}

bool is_mobile_only_browser(std::string_view name) noexcept {
    return std::find(kMobileOnlyBrowsers.begin(), kMobileOnlyBrowsers.end(), name) !=
           kMobileOnlyBrowsers.end();
}

}  // namespace basalt::device
