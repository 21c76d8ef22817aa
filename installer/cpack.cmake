# CPack settings for every platform: a .deb on Linux, an NSIS installer on Windows and a
# drag-and-drop disk image on macOS. `cpack` in the build folder makes the platform's package;
# .ci/package builds, checks, installs and removes the .deb.

set(CODERAI_PACKAGE_MAINTAINER "CoderAI Seller maintainers <seller@aisbf.cloud>"
    CACHE STRING "Maintainer named in the packages (Name <e-mail>)")

# Values are written to CPackConfig.cmake as they are, with no second round of CMake escaping.
set(CPACK_VERBATIM_VARIABLES ON)

set(CPACK_PACKAGE_NAME "coderai-seller")
set(CPACK_PACKAGE_VENDOR "CoderAI")
set(CPACK_PACKAGE_CONTACT "${CODERAI_PACKAGE_MAINTAINER}")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGE_HOMEPAGE_URL "${PROJECT_HOMEPAGE_URL}")
set(CPACK_PACKAGE_INSTALL_DIRECTORY "CoderAI Seller")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
# Kept under 80 columns a line: dpkg and apt show it as written.
set(CPACK_PACKAGE_DESCRIPTION [[
CoderAI Seller offers the model server running on a GPU machine (CoderAI,
llama.cpp, Ollama, vLLM, LM Studio or any other server with the OpenAI API)
to buyers on the AISBF marketplace. It dials out to AISBF over a single
WebSocket, so it works behind NAT, takes buyers' requests, runs them against
the local server and streams the answers back.

It runs as a system tray application or headless as a service, and keeps the
registration token in the system keyring.]])

# The Windows installer shows it for acceptance once the project has a LICENSE file.
if(EXISTS ${PROJECT_SOURCE_DIR}/LICENSE)
    set(CPACK_RESOURCE_FILE_LICENSE ${PROJECT_SOURCE_DIR}/LICENSE)
endif()

# Start-menu entry on Windows: executable name, then the label shown to the user.
set(CPACK_PACKAGE_EXECUTABLES "coderai-seller" "CoderAI Seller")
# Packages ship without debug information; the build folder keeps it for debugging.
set(CPACK_STRIP_FILES ON)

# Source archive: the source tree without build folders, version control or editor files.
set(CPACK_SOURCE_GENERATOR "TXZ")
set(CPACK_SOURCE_PACKAGE_FILE_NAME "${CPACK_PACKAGE_NAME}-${PROJECT_VERSION}")
set(CPACK_SOURCE_IGNORE_FILES "/\\.git/" "/build[^/]*/" "/\\.cache/" "\\.swp$" "~$")

if(UNIX AND NOT APPLE)
    set(CPACK_GENERATOR "DEB")
    # Installed under /usr, like Debian's own packages, whatever CMAKE_INSTALL_PREFIX says.
    set(CPACK_PACKAGING_INSTALL_PREFIX "/usr")
    set(CPACK_DEBIAN_PACKAGE_NAME "coderai-seller")
    set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
    # A Debian revision (0.1.0-1): the package is not a native Debian package, so its changelog is
    # changelog.Debian.gz, whose first entry must carry this same version.
    set(CPACK_DEBIAN_PACKAGE_RELEASE 1)
    file(STRINGS ${CMAKE_CURRENT_LIST_DIR}/debian/changelog coderai_changelog_top LIMIT_COUNT 1)
    if(NOT coderai_changelog_top MATCHES "^coderai-seller \\(${PROJECT_VERSION}-${CPACK_DEBIAN_PACKAGE_RELEASE}\\)")
        message(WARNING "installer/debian/changelog does not start with version "
            "${PROJECT_VERSION}-${CPACK_DEBIAN_PACKAGE_RELEASE}: add an entry for it")
    endif()
    # The sample service settings are the administrator's once installed: dpkg keeps their edits.
    file(WRITE ${CMAKE_CURRENT_BINARY_DIR}/conffiles "/etc/coderai-seller/seller.conf\n")
    set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA ${CMAKE_CURRENT_BINARY_DIR}/conffiles)
    set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${CODERAI_PACKAGE_MAINTAINER}")
    set(CPACK_DEBIAN_PACKAGE_SECTION "net")
    set(CPACK_DEBIAN_PACKAGE_PRIORITY "optional")
    set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "${PROJECT_HOMEPAGE_URL}")
    # dpkg-shlibdeps reads the executable and writes the Qt libraries it links into Depends.
    set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
    # What the linker cannot see. The desktop front end loads the xcb/wayland platform plugins
    # at run time; the SVG icon engine is a plugin as well; Qt's own dialogs and buttons read
    # their translations (qtbase_<lang>.qm) from qt6-translations-l10n; the token needs a Secret
    # Service (GNOME Keyring, KeePassXC) or KWallet. The ledger's SQLite driver is a Qt SQL
    # plugin (libqt6sql6-sqlite), which the linker cannot see either.
    if(CODERAI_BUILD_GUI)
        set(CPACK_DEBIAN_PACKAGE_DEPENDS "qt6-qpa-plugins, qt6-translations-l10n, libqt6sql6-sqlite")
        set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "libqt6svg6, qt6-wayland, gnome-keyring | kwalletmanager | keepassxc")
    else()
        set(CPACK_DEBIAN_PACKAGE_DEPENDS "libqt6sql6-sqlite")
        set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "gnome-keyring | kwalletmanager | keepassxc")
    endif()
    set(CPACK_DEBIAN_COMPRESSION_TYPE "xz")
    # Files owned by root and mode 0644/0755 in the control archive, as lintian expects.
    set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
    # No maintainer scripts: the icon cache and the desktop database are refreshed by the dpkg
    # triggers of hicolor-icon-theme and desktop-file-utils, and the service is neither enabled
    # nor started by the package (systemd loads a unit file it has not seen on first use).
endif()

if(WIN32)
    set(CPACK_GENERATOR "NSIS;ZIP")
    set(CPACK_NSIS_PACKAGE_NAME "CoderAI Seller")
    set(CPACK_NSIS_DISPLAY_NAME "CoderAI Seller")
    set(CPACK_NSIS_INSTALL_ROOT "$PROGRAMFILES64")
    set(CPACK_NSIS_EXECUTABLES_DIRECTORY "${CMAKE_INSTALL_BINDIR}")
    set(CPACK_NSIS_INSTALLED_ICON_NAME "${CMAKE_INSTALL_BINDIR}\\coderai-seller.exe")
    # No "run now" box on the last page: it would start the app with the installer's elevated
    # rights, and its settings and keyring entries would not be the user's own.
    set(CPACK_CREATE_DESKTOP_LINKS "coderai-seller")
    # A second install replaces the first instead of leaving two entries in "Apps".
    set(CPACK_NSIS_ENABLE_UNINSTALL_BEFORE_INSTALL ON)
    # The program does not need to be on PATH: it is started from the menu or autostart.
    set(CPACK_NSIS_MODIFY_PATH OFF)
    set(CPACK_NSIS_MANIFEST_DPI_AWARE ON)
    set(CPACK_NSIS_URL_INFO_ABOUT "${PROJECT_HOMEPAGE_URL}")
    set(CPACK_NSIS_HELP_LINK "${PROJECT_HOMEPAGE_URL}")
    set(CPACK_NSIS_CONTACT "${CODERAI_PACKAGE_MAINTAINER}")
    set(CPACK_NSIS_BRANDING_TEXT "CoderAI Seller ${PROJECT_VERSION}")
    set(coderai_windows_icon ${PROJECT_SOURCE_DIR}/resources/icons/coderai-seller.ico)
    if(EXISTS ${coderai_windows_icon})
        set(CPACK_NSIS_MUI_ICON ${coderai_windows_icon})
        set(CPACK_NSIS_MUI_UNIICON ${coderai_windows_icon})
    else()
        message(STATUS "No ${coderai_windows_icon}: the installer uses the NSIS icon")
    endif()
endif()

if(APPLE)
    set(CPACK_GENERATOR "DragNDrop")
    set(CPACK_DMG_VOLUME_NAME "CoderAI Seller")
    set(CPACK_DMG_FORMAT "UDZO")
    # A link to /Applications inside the image, so that installing is one drag.
    set(CPACK_DMG_DISABLE_APPLICATIONS_SYMLINK OFF)
    set(CPACK_PACKAGE_FILE_NAME "CoderAI-Seller-${PROJECT_VERSION}")
    set(coderai_macos_icon ${PROJECT_SOURCE_DIR}/resources/icons/coderai-seller.icns)
    if(EXISTS ${coderai_macos_icon})
        set(CPACK_PACKAGE_ICON ${coderai_macos_icon})
    else()
        message(STATUS "No ${coderai_macos_icon}: the disk image keeps the default volume icon")
    endif()
endif()

include(CPack)
