// Appwrite's error vocabulary as one table: enumerator, `type` string, HTTP status, default message.
// Types and statuses are contract (see shared/appwrite-api/ERRORS.md); messages are ours.
#pragma once

#define BASALT_ERROR_TYPES(X) \
    X(kGeneralUnknown, "general_unknown", 500, "Server Error") \
    X(kGeneralServerError, "general_server_error", 500, "Server Error") \
    X(kGeneralAccessForbidden, "general_access_forbidden", 401, "API forbidden (e.g. no/`console` project on project-only endpoints).") \
    X(kGeneralResourceBlocked, "general_resource_blocked", 403, "Resource blocked.") \
    X(kGeneralUnknownOrigin, "general_unknown_origin", 403, "Origin header not registered as a project platform (CSRF check).") \
    X(kGeneralApiDisabled, "general_api_disabled", 403, "Protocol (rest/graphql/websocket) disabled for the project.") \
    X(kGeneralServiceDisabled, "general_service_disabled", 403, "Service (account, databases, …) disabled for the project.") \
    X(kGeneralUnauthorizedScope, "general_unauthorized_scope", 401, "The current user or API key does not have the required scopes to access the requested resource.") \
    X(kGeneralRateLimitExceeded, "general_rate_limit_exceeded", 429, "Per-route abuse limit hit.") \
    X(kGeneralResourceLocked, "general_resource_locked", 409, "Resource concurrently being modified; retry.") \
    X(kGeneralSmtpDisabled, "general_smtp_disabled", 503, "No SMTP configured, email features unavailable.") \
    X(kGeneralPhoneDisabled, "general_phone_disabled", 503, "No SMS provider configured.") \
    X(kGeneralArgumentInvalid, "general_argument_invalid", 400, "Parameter validation failed (message names the param).") \
    X(kGeneralBadRequest, "general_bad_request", 400, "Generic bad input.") \
    X(kGeneralQueryInvalid, "general_query_invalid", 400, "A `queries[]` entry could not be parsed/validated.") \
    X(kGeneralAttributeQueryLimitExceeded, "general_attribute_query_limit_exceeded", 400, "Too many queries on one attribute.") \
    X(kGeneralCursorNotFound, "general_cursor_not_found", 400, "CursorAfter/cursorBefore id does not exist.") \
    X(kGeneralRouteNotFound, "general_route_not_found", 404, "The requested route was not found. Please refer to the API docs and try again.") \
    X(kGeneralProtocolUnsupported, "general_protocol_unsupported", 426, "HTTP used while HTTPS is forced.") \
    X(kGeneralNotImplemented, "general_not_implemented", 405, "Method not implemented.") \
    X(kGeneralUsageDisabled, "general_usage_disabled", 501, "Usage stats disabled.") \
    X(kGeneralFeatureUnsupported, "general_feature_unsupported", 400, "Feature unsupported in this configuration.") \
    X(kGeneralInvalidEmail, "general_invalid_email", 400, "Malformed email.") \
    X(kGeneralInvalidPhone, "general_invalid_phone", 400, "Malformed phone (E.164 with leading +).") \
    X(kGeneralRegionAccessDenied, "general_region_access_denied", 451, "Region blocked for legal reasons.") \
    X(kUserCountExceeded, "user_count_exceeded", 400, "Project user limit reached.") \
    X(kUserJwtInvalid, "user_jwt_invalid", 401, "Bad/expired X-Appwrite-JWT.") \
    X(kUserAlreadyExists, "user_already_exists", 409, "User with same id/email/phone exists.") \
    X(kUserBlocked, "user_blocked", 403, "User status is blocked.") \
    X(kUserInvalidToken, "user_invalid_token", 401, "Invalid token/secret (magic URL, OTP, recovery, OAuth token …).") \
    X(kUserPasswordResetRequired, "user_password_reset_required", 412, "User must reset password.") \
    X(kUserInvalidCredentials, "user_invalid_credentials", 401, "Wrong email/password.") \
    X(kUserAnonymousConsoleProhibited, "user_anonymous_console_prohibited", 401, "Anonymous sessions not allowed on console.") \
    X(kUserSessionAlreadyExists, "user_session_already_exists", 401, "Creating a session while already logged in.") \
    X(kUserNotFound, "user_not_found", 404, "User id unknown.") \
    X(kUserEmailAlreadyExists, "user_email_already_exists", 409, "Email taken.") \
    X(kUserPhoneAlreadyExists, "user_phone_already_exists", 409, "Phone taken.") \
    X(kUserEmailNotFound, "user_email_not_found", 400, "User has no email.") \
    X(kUserPhoneNotFound, "user_phone_not_found", 400, "User has no phone.") \
    X(kUserPasswordMismatch, "user_password_mismatch", 400, "Password confirmation mismatch.") \
    X(kPasswordRecentlyUsed, "password_recently_used", 400, "Password in history.") \
    X(kPasswordPersonalData, "password_personal_data", 400, "Password contains personal data.") \
    X(kUserSessionNotFound, "user_session_not_found", 404, "Session id unknown.") \
    X(kUserIdentityNotFound, "user_identity_not_found", 404, "OAuth identity unknown.") \
    X(kUserUnauthorized, "user_unauthorized", 401, "The current user is not authorized to perform the requested action.") \
    X(kUserAuthMethodUnsupported, "user_auth_method_unsupported", 501, "Auth method disabled in project.") \
    X(kUserMoreFactorsRequired, "user_more_factors_required", 401, "MFA enabled; session needs a second factor.") \
    X(kUserChallengeRequired, "user_challenge_required", 401, "Sensitive action needs a recent MFA challenge.") \
    X(kUserRecoveryCodesAlreadyExists, "user_recovery_codes_already_exists", 409, "Recovery codes already generated.") \
    X(kUserAuthenticatorNotFound, "user_authenticator_not_found", 404, "No TOTP authenticator.") \
    X(kUserAuthenticatorAlreadyVerified, "user_authenticator_already_verified", 409, "TOTP already verified.") \
    X(kUserRecoveryCodesNotFound, "user_recovery_codes_not_found", 404, "No recovery codes.") \
    X(kUserOauth2BadRequest, "user_oauth2_bad_request", 400, "Provider rejected request.") \
    X(kUserOauth2Unauthorized, "user_oauth2_unauthorized", 401, "Provider rejected credentials.") \
    X(kUserOauth2ProviderError, "user_oauth2_provider_error", 424, "Provider error.") \
    X(kUserOauth2ProviderFailure, "user_oauth2_provider_failure", 424, "The OAuth2 provider could not complete the sign-in.") \
    X(kUserMissingId, "user_missing_id", 400, "Missing ID from OAuth2 provider.") \
    X(kUserEmailNotVerified, "user_email_not_verified", 400, "Verification required.") \
    X(kUserPhoneNotVerified, "user_phone_not_verified", 400, "Verification required.") \
    X(kUserEmailAlreadyVerified, "user_email_already_verified", 409, "Already verified.") \
    X(kUserPhoneAlreadyVerified, "user_phone_already_verified", 409, "Already verified.") \
    X(kUserTargetNotFound, "user_target_not_found", 404, "Messaging target unknown.") \
    X(kUserTargetAlreadyExists, "user_target_already_exists", 409, "Target id taken.") \
    X(kUserApiKeyAndSessionSet, "user_api_key_and_session_set", 403, "API key and session in the same request.") \
    X(kUserJwtAndCookieSet, "user_jwt_and_cookie_set", 403, "JWT and session cookie in the same request.") \
    X(kUserJwtCreationDenied, "user_jwt_creation_denied", 403, "Creating a JWT from a JWT-authenticated request.") \
    X(kUserEmailDisposable, "user_email_disposable", 400, "Email policy rejections.") \
    X(kUserEmailFree, "user_email_free", 400, "Email policy rejections.") \
    X(kUserEmailNotCorporate, "user_email_not_corporate", 400, "Email policy rejections.") \
    X(kUserEmailNotCanonical, "user_email_not_canonical", 400, "Email policy rejections.") \
    X(kApiKeyExpired, "api_key_expired", 401, "Ephemeral (dynamic) key expired.") \
    X(kProjectKeyExpired, "project_key_expired", 401, "API key past its expiry.") \
    X(kTeamNotFound, "team_not_found", 404, "Team id unknown.") \
    X(kTeamAlreadyExists, "team_already_exists", 409, "Team id taken.") \
    X(kTeamInviteNotFound, "team_invite_not_found", 404, "Invitation unknown.") \
    X(kTeamInvalidSecret, "team_invalid_secret", 401, "Invitation secret wrong.") \
    X(kTeamMembershipMismatch, "team_membership_mismatch", 404, "Membership not in that team.") \
    X(kTeamInviteMismatch, "team_invite_mismatch", 401, "Invite belongs to another user.") \
    X(kMembershipNotFound, "membership_not_found", 404, "Membership unknown.") \
    X(kMembershipAlreadyConfirmed, "membership_already_confirmed", 409, "Already joined.") \
    X(kAvatarNotFound, "avatar_not_found", 404, "Unknown avatar code/set.") \
    X(kAvatarSetNotFound, "avatar_set_not_found", 404, "Unknown avatar code/set.") \
    X(kAvatarImageNotFound, "avatar_image_not_found", 404, "Remote image/favicon fetch failed.") \
    X(kAvatarRemoteUrlFailed, "avatar_remote_url_failed", 404, "Remote image/favicon fetch failed.") \
    X(kAvatarIconNotFound, "avatar_icon_not_found", 404, "Remote image/favicon fetch failed.") \
    X(kStorageFileAlreadyExists, "storage_file_already_exists", 409, "File id taken.") \
    X(kStorageFileNotFound, "storage_file_not_found", 404, "File unknown.") \
    X(kStorageFileEmpty, "storage_file_empty", 400, "Empty upload.") \
    X(kStorageFileTypeUnsupported, "storage_file_type_unsupported", 400, "Extension not in bucket allow-list.") \
    X(kStorageInvalidFileSize, "storage_invalid_file_size", 400, "Size invalid / above bucket maximum.") \
    X(kStorageInvalidFile, "storage_invalid_file", 403, "Upload invalid (e.g. antivirus).") \
    X(kStorageBucketAlreadyExists, "storage_bucket_already_exists", 409, "Bucket id taken.") \
    X(kStorageBucketNotFound, "storage_bucket_not_found", 404, "Bucket unknown.") \
    X(kStorageInvalidContentRange, "storage_invalid_content_range", 400, "Bad Content-Range header.") \
    X(kStorageInvalidRange, "storage_invalid_range", 416, "Bad Range header on download/view.") \
    X(kStorageInvalidAppwriteId, "storage_invalid_appwrite_id", 400, "Bad x-appwrite-id header.") \
    X(kStorageBucketTransformationsDisabled, "storage_bucket_transformations_disabled", 403, "Preview not allowed on bucket.") \
    X(kStorageImageResolutionExceeded, "storage_image_resolution_exceeded", 400, "Image too large to transform.") \
    X(kTokenNotFound, "token_not_found", 404, "File token unknown.") \
    X(kTokenExpired, "token_expired", 401, "File token expired.") \
    X(kFunctionNotFound, "function_not_found", 404, "Function unknown.") \
    X(kFunctionAlreadyExists, "function_already_exists", 409, "Function id taken.") \
    X(kFunctionRuntimeUnsupported, "function_runtime_unsupported", 404, "Runtime not enabled on server.") \
    X(kFunctionEntrypointMissing, "function_entrypoint_missing", 404, "No entrypoint.") \
    X(kFunctionSynchronousTimeout, "function_synchronous_timeout", 408, "Sync execution exceeded timeout.") \
    X(kFunctionExecutePermissionMissing, "function_execute_permission_missing", 401, "Domain execution requires any/guests execute.") \
    X(kSiteNotFound, "site_not_found", 404, "Site unknown.") \
    X(kBuildNotReady, "build_not_ready", 400, "Deployment still building.") \
    X(kBuildInProgress, "build_in_progress", 400, "Build state errors.") \
    X(kBuildAlreadyCompleted, "build_already_completed", 400, "Build state errors.") \
    X(kBuildCanceled, "build_canceled", 400, "Build state errors.") \
    X(kBuildFailed, "build_failed", 400, "Build state errors.") \
    X(kDeploymentNotFound, "deployment_not_found", 404, "Deployment unknown.") \
    X(kExecutionNotFound, "execution_not_found", 404, "Execution unknown.") \
    X(kExecutionInProgress, "execution_in_progress", 400, "Cannot delete running execution.") \
    X(kVariableNotFound, "variable_not_found", 404, "Variable unknown.") \
    X(kVariableAlreadyExists, "variable_already_exists", 409, "Variable key/id taken.") \
    X(kDatabaseNotFound, "database_not_found", 404, "Database `<id>` unknown.") \
    X(kDatabaseAlreadyExists, "database_already_exists", 409, "Database id taken.") \
    X(kDatabaseTimeout, "database_timeout", 408, "Query timed out (15 s API limit).") \
    X(kDatabaseQueryOrderNull, "database_query_order_null", 400, "Cursor pagination on a null order value.") \
    X(kCollectionNotFound, "collection_not_found", 404, "Collection/table `<id>` unknown.") \
    X(kTableNotFound, "table_not_found", 404, "Collection/table `<id>` unknown.") \
    X(kCollectionAlreadyExists, "collection_already_exists", 409, "Id taken.") \
    X(kTableAlreadyExists, "table_already_exists", 409, "Id taken.") \
    X(kCollectionLimitExceeded, "collection_limit_exceeded", 400, "Too many collections/tables.") \
    X(kTableLimitExceeded, "table_limit_exceeded", 400, "Too many collections/tables.") \
    X(kDocumentNotFound, "document_not_found", 404, "Document/row `<id>` unknown.") \
    X(kRowNotFound, "row_not_found", 404, "Document/row `<id>` unknown.") \
    X(kDocumentInvalidStructure, "document_invalid_structure", 400, "Data does not match schema (unknown key, wrong type, missing required).") \
    X(kRowInvalidStructure, "row_invalid_structure", 400, "Data does not match schema (unknown key, wrong type, missing required).") \
    X(kDocumentMissingData, "document_missing_data", 400, "No data.") \
    X(kRowMissingData, "row_missing_data", 400, "No data.") \
    X(kDocumentMissingPayload, "document_missing_payload", 400, "Update with neither data nor permissions.") \
    X(kRowMissingPayload, "row_missing_payload", 400, "Update with neither data nor permissions.") \
    X(kDocumentAlreadyExists, "document_already_exists", 409, "Id taken.") \
    X(kRowAlreadyExists, "row_already_exists", 409, "Id taken.") \
    X(kDocumentUniqueConstraintViolation, "document_unique_constraint_violation", 409, "Unique index violated.") \
    X(kRowUniqueConstraintViolation, "row_unique_constraint_violation", 409, "Unique index violated.") \
    X(kDocumentUpdateConflict, "document_update_conflict", 409, "Remote newer than local.") \
    X(kRowUpdateConflict, "row_update_conflict", 409, "Remote newer than local.") \
    X(kDocumentDeleteRestricted, "document_delete_restricted", 403, "Restrict relationship blocks delete.") \
    X(kRowDeleteRestricted, "row_delete_restricted", 403, "Restrict relationship blocks delete.") \
    X(kAttributeNotFound, "attribute_not_found", 404, "Attribute/column key unknown.") \
    X(kColumnNotFound, "column_not_found", 404, "Attribute/column key unknown.") \
    X(kAttributeNotAvailable, "attribute_not_available", 400, "Attribute still processing.") \
    X(kColumnNotAvailable, "column_not_available", 400, "Attribute still processing.") \
    X(kAttributeAlreadyExists, "attribute_already_exists", 409, "Key taken.") \
    X(kColumnAlreadyExists, "column_already_exists", 409, "Key taken.") \
    X(kAttributeLimitExceeded, "attribute_limit_exceeded", 400, "Too many/too wide attributes.") \
    X(kColumnLimitExceeded, "column_limit_exceeded", 400, "Too many/too wide attributes.") \
    X(kAttributeValueInvalid, "attribute_value_invalid", 400, "Bad min/max/default/size.") \
    X(kColumnValueInvalid, "column_value_invalid", 400, "Bad min/max/default/size.") \
    X(kAttributeDefaultUnsupported, "attribute_default_unsupported", 400, "Default given on required or array attribute.") \
    X(kColumnDefaultUnsupported, "column_default_unsupported", 400, "Default given on required or array attribute.") \
    X(kAttributeFormatUnsupported, "attribute_format_unsupported", 400, "Bad format/type.") \
    X(kAttributeTypeInvalid, "attribute_type_invalid", 400, "Bad format/type.") \
    X(kColumnFormatUnsupported, "column_format_unsupported", 400, "Bad format/type.") \
    X(kColumnTypeInvalid, "column_type_invalid", 400, "Bad format/type.") \
    X(kAttributeInvalidResize, "attribute_invalid_resize", 400, "Existing data is too large for new size, truncate your existing data then try again.") \
    X(kColumnInvalidResize, "column_invalid_resize", 400, "Existing data is too large for new size, truncate your existing data then try again.") \
    X(kAttributeUnknown, "attribute_unknown", 400, "Index references unknown attribute.") \
    X(kColumnUnknown, "column_unknown", 400, "Index references unknown attribute.") \
    X(kRelationshipValueInvalid, "relationship_value_invalid", 400, "Bad relationship payload.") \
    X(kIndexNotFound, "index_not_found", 404, "Index unknown.") \
    X(kColumnIndexNotFound, "column_index_not_found", 404, "Index unknown.") \
    X(kIndexAlreadyExists, "index_already_exists", 409, "Index key taken.") \
    X(kColumnIndexAlreadyExists, "column_index_already_exists", 409, "Index key taken.") \
    X(kIndexLimitExceeded, "index_limit_exceeded", 400, "Too many indexes.") \
    X(kColumnIndexLimitExceeded, "column_index_limit_exceeded", 400, "Too many indexes.") \
    X(kIndexInvalid, "index_invalid", 400, "Invalid index definition.") \
    X(kColumnIndexInvalid, "column_index_invalid", 400, "Invalid index definition.") \
    X(kIndexDependency, "index_dependency", 409, "Attribute used by an index.") \
    X(kColumnIndexDependency, "column_index_dependency", 409, "Attribute used by an index.") \
    X(kTransactionNotFound, "transaction_not_found", 404, "Transaction unknown.") \
    X(kTransactionInvalid, "transaction_invalid", 400, "Wrong transaction state.") \
    X(kTransactionFailed, "transaction_failed", 400, "Commit failed.") \
    X(kTransactionExpired, "transaction_expired", 410, "TTL passed.") \
    X(kTransactionConflict, "transaction_conflict", 409, "Conflicting concurrent change.") \
    X(kTransactionLimitExceeded, "transaction_limit_exceeded", 400, "More than 100 staged operations.") \
    X(kTransactionNotReady, "transaction_not_ready", 400, "The transaction is not ready yet. Please try again later.") \
    X(kProjectAlreadyExists, "project_already_exists", 409, "Project with the requested ID already exists.") \
    X(kProjectIdMissing, "project_id_missing", 403, "When using a project API key, pass the X-Appwrite-Project header with your project ID.") \
    X(kProjectNotFound, "project_not_found", 404, "Project with the requested ID could not be found. Please check the value of the X-Appwrite-Project header to ensure the correct project ID is being used.") \
    X(kProjectProviderDisabled, "project_provider_disabled", 412, "OAuth2 provider disabled.") \
    X(kProjectProviderUnsupported, "project_provider_unsupported", 400, "OAuth2 provider unknown.") \
    X(kProjectInvalidSuccessUrl, "project_invalid_success_url", 400, "OAuth redirect URL not allowed (host not a platform).") \
    X(kProjectInvalidFailureUrl, "project_invalid_failure_url", 400, "OAuth redirect URL not allowed (host not a platform).") \
    X(kProjectSmtpConfigInvalid, "project_smtp_config_invalid", 400, "The SMTP server refused the settings (connection, TLS or login).") \
    X(kMockNumberAlreadyExists, "mock_number_already_exists", 409, "That number is already a mock number of the project.") \
    X(kMockNumberNotFound, "mock_number_not_found", 404, "No mock number with that number.") \
    X(kMockNumberLimitExceeded, "mock_number_limit_exceeded", 400, "The project has the most mock numbers allowed (5000).") \
    X(kKeyNotFound, "key_not_found", 404, "Key with the requested ID could not be found.") \
    X(kKeyAlreadyExists, "key_already_exists", 409, "Key with the same ID already exists. Try again with a different ID.") \
    X(kKeyCreationDenied, "key_creation_denied", 403, "An API key cannot be created from a request authorized with an API key. Authenticate with a session instead.") \
    X(kPlatformAlreadyExists, "platform_already_exists", 409, "Platform with the same ID already exists in this project. Try again with a different ID.") \
    X(kHealthInvalidHost, "health_invalid_host", 404, "Failed to establish a connection to the specified domain.") \
    X(kHealthCertificateExpired, "health_certificate_expired", 404, "The SSL certificate for the specified domain has expired.") \
    X(kWebhookNotFound, "webhook_not_found", 404, "Webhook unknown.") \
    X(kPlatformMethodUnsupported, "platform_method_unsupported", 400, "The platform has another type: use the update method of its type.") \
    X(kPlatformNotFound, "platform_not_found", 404, "Platform with the requested ID could not be found.") \
    X(kRuleNotFound, "rule_not_found", 404, "Proxy rule unknown.") \
    X(kGraphqlNoQuery, "graphql_no_query", 400, "Missing `query`.") \
    X(kGraphqlTooManyQueries, "graphql_too_many_queries", 400, "Batch too large (default 10).") \
    X(kGraphqlMethodUnsupported, "graphql_method_unsupported", 405, "Mutation sent via GET.") \
    X(kProviderNotFound, "provider_not_found", 404, "Messaging resource unknown.") \
    X(kTopicNotFound, "topic_not_found", 404, "Messaging resource unknown.") \
    X(kSubscriberNotFound, "subscriber_not_found", 404, "Messaging resource unknown.") \
    X(kMessageNotFound, "message_not_found", 404, "Messaging resource unknown.") \
    X(kProviderAlreadyExists, "provider_already_exists", 409, "Id taken.") \
    X(kTopicAlreadyExists, "topic_already_exists", 409, "Id taken.") \
    X(kSubscriberAlreadyExists, "subscriber_already_exists", 409, "Id taken.") \
    X(kMessageAlreadyExists, "message_already_exists", 409, "Id taken.") \
    X(kMessageMissingTarget, "message_missing_target", 400, "No topics/users/targets.") \
    X(kMessageAlreadySent, "message_already_sent", 400, "Message state.") \
    X(kMessageAlreadyScheduled, "message_already_scheduled", 400, "Message state.") \
    X(kPresenceNotFound, "presence_not_found", 404, "Presence unknown.") \
    X(kMigrationNotFound, "migration_not_found", 404, "Migration unknown.") \
    X(kHealthQueueSizeExceeded, "health_queue_size_exceeded", 503, "Queue above threshold.") \
    X(kRealtimeMessageFormatInvalid, "realtime_message_format_invalid", 1003, "Socket message not JSON / unknown type / bad session.") \
    X(kRealtimePolicyViolation, "realtime_policy_violation", 1008, "Unknown project, bad origin, bad channel query → socket closed, SDK stops reconnecting.") \
    X(kRealtimeTooManyMessages, "realtime_too_many_messages", 1013, "Connection/message rate limit.")
