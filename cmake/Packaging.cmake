# Installers, all from the one version in project(Gatehouse VERSION ...):
#   Linux:   DEB, RPM (gatehoused.service, sysusers entry, desktop entry, icons) and TGZ
#   Windows: NSIS and WiX (configured here, built only on Windows)
#   macOS:   DragNDrop (.dmg holding Gatehouse.app; configured here, built only on macOS)
# How to build each: installer/README.md. Included from the root CMakeLists.txt after the
# targets exist.
include(GNUInstallDirs)

set(GATEHOUSE_INSTALLER_DIR "${PROJECT_SOURCE_DIR}/installer")
# Where the DEB and RPM put everything (the systemd unit's ExecStart and the maintainer scripts
# assume it).
set(GATEHOUSE_PACKAGE_PREFIX "/usr" CACHE STRING "Install prefix inside the DEB and RPM packages")
option(GATEHOUSE_PACKAGE_STRIP "Strip binaries in packages" ON)

# --- Files the packages carry besides the two binaries ---------------------------------------
install(FILES "${PROJECT_SOURCE_DIR}/README.md" DESTINATION "${CMAKE_INSTALL_DATADIR}/doc/gatehouse")
if(UNIX AND NOT APPLE)
    configure_file("${GATEHOUSE_INSTALLER_DIR}/linux/gatehoused.service"
        "${PROJECT_BINARY_DIR}/installer/gatehoused.service" COPYONLY)
    install(FILES "${PROJECT_BINARY_DIR}/installer/gatehoused.service" DESTINATION lib/systemd/system)
    install(FILES "${GATEHOUSE_INSTALLER_DIR}/linux/gatehouse.sysusers"
        DESTINATION lib/sysusers.d RENAME gatehouse.conf)
    # The packaged service's default settings (copied to /etc/gatehouse on first install) and
    # the full commented list of keys.
    install(FILES "${GATEHOUSE_INSTALLER_DIR}/linux/gatehouse.ini" DESTINATION "${CMAKE_INSTALL_DATADIR}/gatehouse")
    install(FILES "${PROJECT_SOURCE_DIR}/resources/gatehouse.ini"
        DESTINATION "${CMAKE_INSTALL_DATADIR}/gatehouse" RENAME gatehouse.ini.example)
    install(PROGRAMS "${GATEHOUSE_INSTALLER_DIR}/linux/gatehouse-setup.sh"
        DESTINATION "${CMAKE_INSTALL_DATADIR}/gatehouse")
endif()

if(GATEHOUSE_BUILD_UI)
    if(UNIX AND NOT APPLE)
        install(FILES "${GATEHOUSE_INSTALLER_DIR}/linux/gatehouse.desktop"
            DESTINATION "${CMAKE_INSTALL_DATADIR}/applications")
        install(FILES "${PROJECT_SOURCE_DIR}/resources/icons/gatehouse.svg"
            DESTINATION "${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps")
    endif()
    # PNG sizes rendered from the SVG at build time (Qt Svg; no external converter needed).
    set(GATEHOUSE_ICON_SIZES 16 24 32 48 64 128 256 512)
    add_executable(gatehouse_icon_render "${GATEHOUSE_INSTALLER_DIR}/IconRenderer.cpp")
    target_link_libraries(gatehouse_icon_render PRIVATE gatehouse_common Qt6::Gui Qt6::Svg)
    set(icon_dir "${PROJECT_BINARY_DIR}/installer/icons")
    set(icon_pngs "")
    foreach(size IN LISTS GATEHOUSE_ICON_SIZES)
        list(APPEND icon_pngs "${icon_dir}/${size}/gatehouse.png")
    endforeach()
    add_custom_command(OUTPUT ${icon_pngs}
        COMMAND ${CMAKE_COMMAND} -E env QT_QPA_PLATFORM=offscreen
                $<TARGET_FILE:gatehouse_icon_render> "${PROJECT_SOURCE_DIR}/resources/icons/gatehouse.svg"
                "${icon_dir}" ${GATEHOUSE_ICON_SIZES}
        DEPENDS gatehouse_icon_render "${PROJECT_SOURCE_DIR}/resources/icons/gatehouse.svg"
        COMMENT "Rendering the application icon")
    add_custom_target(gatehouse_icons ALL DEPENDS ${icon_pngs})
    if(UNIX AND NOT APPLE)
        foreach(size IN LISTS GATEHOUSE_ICON_SIZES)
            install(FILES "${icon_dir}/${size}/gatehouse.png"
                DESTINATION "${CMAKE_INSTALL_DATADIR}/icons/hicolor/${size}x${size}/apps")
        endforeach()
    endif()

    # Windows and macOS ship Qt with the application: Qt's deploy script (windeployqt /
    # macdeployqt) copies the libraries and plugins next to the executable at install time.
    if(WIN32 OR APPLE)
        set_target_properties(gatehouse PROPERTIES
            WIN32_EXECUTABLE ON
            MACOSX_BUNDLE ON
            MACOSX_BUNDLE_BUNDLE_NAME "Gatehouse"
            MACOSX_BUNDLE_GUI_IDENTIFIER "io.gatehouse.console"
            MACOSX_BUNDLE_BUNDLE_VERSION "${PROJECT_VERSION}"
            MACOSX_BUNDLE_SHORT_VERSION_STRING "${PROJECT_VERSION}")
        # The bundle icon, once made (iconutil from the rendered PNGs; see installer/README.md).
        set(gatehouse_icns "${GATEHOUSE_INSTALLER_DIR}/macos/gatehouse.icns")
        if(APPLE AND EXISTS "${gatehouse_icns}")
            target_sources(gatehouse PRIVATE "${gatehouse_icns}")
            set_source_files_properties("${gatehouse_icns}" PROPERTIES MACOSX_PACKAGE_LOCATION Resources)
            set_target_properties(gatehouse PROPERTIES MACOSX_BUNDLE_ICON_FILE gatehouse.icns)
        endif()
        qt_generate_deploy_app_script(TARGET gatehouse FILENAME_VARIABLE gatehouse_deploy_script
            NO_UNSUPPORTED_PLATFORM_ERROR)
        install(SCRIPT "${gatehouse_deploy_script}")
    endif()
endif()

# --- CPack: common ---------------------------------------------------------------------------
set(CPACK_PACKAGE_NAME "gatehouse")
set(CPACK_PACKAGE_VENDOR "Gatehouse")
set(CPACK_PACKAGE_CONTACT "Gatehouse maintainers <maintainers@gatehouse.invalid>")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_PACKAGE_DESCRIPTION
    "Gatehouse turns SQL databases into a DreamFactory-v2-compatible REST API, governs who may \
do what (roles, row filters, masking, limits, audit), is the one door to LLM providers and \
serves AI over governed data. This package holds the gateway (gatehoused, run by systemd as \
the gatehouse user, data in /var/lib/gatehouse) and the admin console (gatehouse).")
set(CPACK_PACKAGE_HOMEPAGE_URL "https://gatehouse.invalid")
set(CPACK_PACKAGE_INSTALL_DIRECTORY "Gatehouse")
set(CPACK_PACKAGE_EXECUTABLES "gatehouse;Gatehouse")
set(CPACK_RESOURCE_FILE_README "${PROJECT_SOURCE_DIR}/README.md")
set(CPACK_STRIP_FILES ${GATEHOUSE_PACKAGE_STRIP})
set(CPACK_SOURCE_IGNORE_FILES "/\\\\.git/" "/build[^/]*/" "/Testing/")
if(UNIX AND NOT APPLE)
    set(CPACK_GENERATOR "DEB;RPM;TGZ")
elseif(WIN32)
    set(CPACK_GENERATOR "NSIS;WIX")
elseif(APPLE)
    set(CPACK_GENERATOR "DragNDrop")
endif()
# Per-generator prefix (archives unpack relative, packages into /usr): cpack reads this file
# once per generator.
set(CPACK_PROJECT_CONFIG_FILE "${PROJECT_BINARY_DIR}/installer/CPackProjectConfig.cmake")
file(WRITE "${CPACK_PROJECT_CONFIG_FILE}"
"if(CPACK_GENERATOR MATCHES \"^(DEB|RPM)$\")
    set(CPACK_PACKAGING_INSTALL_PREFIX \"${GATEHOUSE_PACKAGE_PREFIX}\")
endif()
")

# --- DEB ----------------------------------------------------------------------------------------
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION "net")
set(CPACK_DEBIAN_PACKAGE_PRIORITY "optional")
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${CPACK_PACKAGE_CONTACT}")
# Shared libraries from dpkg-shlibdeps; what it cannot see (Qt plugins loaded at run time:
# the SQL drivers, OpenSSL behind Qt's TLS backend, the SVG icon engine, the user tools of the
# setup script) by hand.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "libqt6sql6-sqlite, libqt6svg6, libssl3, passwd")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "systemd, libqt6sql6-psql, libqt6sql6-mysql")
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "libqt6sql6-odbc")
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA
    "${GATEHOUSE_INSTALLER_DIR}/linux/deb/postinst"
    "${GATEHOUSE_INSTALLER_DIR}/linux/deb/prerm"
    "${GATEHOUSE_INSTALLER_DIR}/linux/deb/postrm")
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)

# --- RPM ----------------------------------------------------------------------------------------
set(CPACK_RPM_FILE_NAME RPM-DEFAULT)
set(CPACK_RPM_PACKAGE_LICENSE "Proprietary")
set(CPACK_RPM_PACKAGE_GROUP "System Environment/Daemons")
set(CPACK_RPM_PACKAGE_URL "${CPACK_PACKAGE_HOMEPAGE_URL}")
# Shared libraries: rpmbuild's automatic requirements (AUTOREQ); plugins and tools by hand.
set(CPACK_RPM_PACKAGE_AUTOREQ ON)
set(CPACK_RPM_PACKAGE_REQUIRES "qt6-qtbase, qt6-qtsvg, openssl-libs, shadow-utils")
set(CPACK_RPM_PACKAGE_SUGGESTS "qt6-qtbase-postgresql, qt6-qtbase-mysql")
set(CPACK_RPM_POST_INSTALL_SCRIPT_FILE "${GATEHOUSE_INSTALLER_DIR}/linux/rpm/post.sh")
set(CPACK_RPM_PRE_UNINSTALL_SCRIPT_FILE "${GATEHOUSE_INSTALLER_DIR}/linux/rpm/preun.sh")
set(CPACK_RPM_POST_UNINSTALL_SCRIPT_FILE "${GATEHOUSE_INSTALLER_DIR}/linux/rpm/postun.sh")
# Folders owned by filesystem/systemd/hicolor-icon-theme, not by us.
set(CPACK_RPM_EXCLUDE_FROM_AUTO_FILELIST_ADDITION
    /usr/lib/systemd /usr/lib/systemd/system /usr/lib/sysusers.d /usr/share/applications
    /usr/share/icons /usr/share/icons/hicolor /usr/share/doc)
foreach(size scalable 16x16 24x24 32x32 48x48 64x64 128x128 256x256 512x512)
    list(APPEND CPACK_RPM_EXCLUDE_FROM_AUTO_FILELIST_ADDITION
        "/usr/share/icons/hicolor/${size}" "/usr/share/icons/hicolor/${size}/apps")
endforeach()

# --- Windows: NSIS and WiX (only buildable on Windows) ------------------------------------------
if(WIN32)
    set(CPACK_NSIS_DISPLAY_NAME "Gatehouse ${PROJECT_VERSION}")
    set(CPACK_NSIS_PACKAGE_NAME "Gatehouse")
    set(CPACK_NSIS_INSTALLED_ICON_NAME "bin\\\\gatehouse.exe")
    set(CPACK_NSIS_URL_INFO_ABOUT "${CPACK_PACKAGE_HOMEPAGE_URL}")
    set(CPACK_NSIS_ENABLE_UNINSTALL_BEFORE_INSTALL ON)
    set(CPACK_NSIS_MODIFY_PATH OFF)
    set(CPACK_NSIS_MUI_FINISHPAGE_RUN "bin\\\\gatehouse.exe")
    # The Start menu entry for the console (CPACK_PACKAGE_EXECUTABLES) lands in this folder.
    set(CPACK_PACKAGE_INSTALL_REGISTRY_KEY "Gatehouse")
    # WiX: a fixed UpgradeCode makes every later MSI replace this one (major upgrade) while the
    # data folder (%LOCALAPPDATA%\gatehouse, not under Program Files) stays.
    set(CPACK_WIX_UPGRADE_GUID "6C1F3A52-8E3B-4D6A-9B57-2F0E7C41A9D3")
    set(CPACK_WIX_PROGRAM_MENU_FOLDER "Gatehouse")
    set(CPACK_WIX_PROPERTY_ARPURLINFOABOUT "${CPACK_PACKAGE_HOMEPAGE_URL}")
    if(EXISTS "${GATEHOUSE_INSTALLER_DIR}/windows/gatehouse.ico")
        set(CPACK_WIX_PRODUCT_ICON "${GATEHOUSE_INSTALLER_DIR}/windows/gatehouse.ico")
        set(CPACK_NSIS_MUI_ICON "${GATEHOUSE_INSTALLER_DIR}/windows/gatehouse.ico")
        set(CPACK_NSIS_MUI_UNIICON "${GATEHOUSE_INSTALLER_DIR}/windows/gatehouse.ico")
    endif()
endif()

# --- macOS: DragNDrop (only buildable on macOS) -------------------------------------------------
if(APPLE)
    set(CPACK_DMG_VOLUME_NAME "Gatehouse ${PROJECT_VERSION}")
    set(CPACK_DMG_FORMAT "UDZO")
    # Gatehouse.app plus a link to /Applications to drag it onto.
    set(CPACK_DMG_SLA_USE_RESOURCE_FILE_LICENSE OFF)
    set(CPACK_BUNDLE_NAME "Gatehouse")
endif()

include(CPack)
