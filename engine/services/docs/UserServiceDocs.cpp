#include "UserServiceDocs.h"

namespace gatehouse {

const QList<OpenApiOperation> &UserServiceDocs::operations()
{
    static const QList<OpenApiOperation> list{
        {"/", "get", "", "getUserResources", "List the user resources.", nullptr, "ResourceList"},
        {"/session", "get", "session", "getSession", "The current session.", nullptr, "Session"},
        {"/session", "post", "session", "login", "Sign in with e-mail and password; returns a session token.",
         "Login", "Session"},
        {"/session", "put", "session", "refreshSession", "A new token for the current session.", nullptr,
         "Session"},
        {"/session", "delete", "session", "logout", "Sign out (revokes the token).", nullptr, nullptr},
        {"/profile", "get", "profile", "getProfile", "The signed-in user's profile.", nullptr, "Profile"},
        {"/profile", "post", "profile", "updateProfile", "Update the profile.", "Profile", "Profile"},
        {"/profile", "put", "profile", "replaceProfile", "Update the profile.", "Profile", "Profile"},
        {"/profile", "patch", "profile", "patchProfile", "Update the profile.", "Profile", "Profile"},
        {"/password", "post", "password", "changePassword",
         "Change the password (old_password, new_password).", "PasswordChange", nullptr},
    };
    return list;
}

Json UserServiceDocs::openApi()
{
    Json string{{"type", "string"}};
    Json login{{"type", "object"}, {"required", Json::array({"email", "password"})}};
    login["properties"] = {{"email", string}, {"password", string}, {"remember_me", {{"type", "boolean"}}}};
    Json session{{"type", "object"}};
    session["properties"] = {
        {"session_token", string}, {"id", {{"type", "integer"}}},           {"email", string},
        {"name", string},          {"is_sys_admin", {{"type", "boolean"}}}, {"role", string}};
    Json profile{{"type", "object"}};
    profile["properties"] = {
        {"name", string}, {"first_name", string}, {"last_name", string}, {"email", string}};
    Json password{{"type", "object"}, {"required", Json::array({"old_password", "new_password"})}};
    password["properties"] = {{"old_password", string}, {"new_password", string}};
    Json schemas = Json::object();
    schemas["Login"] = login;
    schemas["Session"] = session;
    schemas["Profile"] = profile;
    schemas["PasswordChange"] = password;
    Json out = Json::object();
    out["paths"] = OpenApiBuilder::pathsFromOperations(operations());
    out["components"]["schemas"] = schemas;
    return out;
}
} // namespace gatehouse
