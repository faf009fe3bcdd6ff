/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query Me {\n    me {\n      id\n      email\n      role\n      organization {\n        id\n        name\n      }\n    }\n  }\n": typeof types.MeDocument,
    "\n  query OrganizationChoices {\n    organizations {\n      id\n      name\n    }\n  }\n": typeof types.OrganizationChoicesDocument,
    "\n  mutation SwitchOrganization($id: ID!) {\n    switchOrganization(id: $id) {\n      token\n    }\n  }\n": typeof types.SwitchOrganizationDocument,
    "\n  query InvitationPreview($token: String!) {\n    invitation(token: $token) {\n      email\n      role\n      organizationName\n      expiresAt\n      accountExists\n    }\n  }\n": typeof types.InvitationPreviewDocument,
    "\n  mutation AcceptInvitation($token: String!, $password: String!) {\n    acceptInvitation(token: $token, password: $password) {\n      token\n    }\n  }\n": typeof types.AcceptInvitationDocument,
    "\n  mutation Login($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      token\n    }\n  }\n": typeof types.LoginDocument,
    "\n  query CourseDetail($id: ID!) {\n    course(id: $id) {\n      id\n      title\n      scormVersion\n      scoCount\n      version\n      versions {\n        version\n        title\n        scoCount\n        createdAt\n      }\n      stats {\n        ...StatsFields\n      }\n    }\n  }\n": typeof types.CourseDetailDocument,
    "\n  subscription CourseStatsUpdated($courseId: ID!) {\n    courseStatsUpdated(courseId: $courseId) {\n      id\n      stats {\n        ...StatsFields\n      }\n    }\n  }\n": typeof types.CourseStatsUpdatedDocument,
    "\n  query Courses {\n    courses {\n      id\n      title\n      scormVersion\n      scoCount\n      createdAt\n      stats {\n        total\n        completionRate\n        averageProgress\n      }\n    }\n  }\n": typeof types.CoursesDocument,
    "\n  mutation DeleteCourse($id: ID!) {\n    deleteCourse(id: $id)\n  }\n": typeof types.DeleteCourseDocument,
    "\n  fragment DispatchSummary on Dispatch {\n    id\n    recipientName\n    key\n    active\n    maxLaunches\n    expiresAt\n    launchCount\n    completionCount\n    completionRate\n    lastLaunchAt\n    course {\n      id\n      title\n    }\n  }\n": typeof types.DispatchSummaryFragmentDoc,
    "\n  query Dispatches {\n    dispatches {\n      ...DispatchSummary\n    }\n    courses {\n      id\n      title\n    }\n  }\n": typeof types.DispatchesDocument,
    "\n  mutation UpdateDispatch($id: ID!, $input: UpdateDispatchInput!) {\n    updateDispatch(id: $id, input: $input) {\n      ...DispatchSummary\n    }\n  }\n": typeof types.UpdateDispatchDocument,
    "\n  query DispatchDetail($id: ID!) {\n    dispatch(id: $id) {\n      ...DispatchSummary\n      launches(first: 100) {\n        totalCount\n        edges {\n          node {\n            id\n            learnerId\n            learnerEmail\n            launchedAt\n            completedAt\n            status\n            progress\n            score {\n              scaled\n              raw\n            }\n            ipAddress\n            userAgent\n            ltiScores(first: 1) {\n              id\n              status\n              attempts\n              lastError\n              activityProgress\n              scoreGiven\n              scoreMaximum\n            }\n          }\n        }\n      }\n    }\n  }\n": typeof types.DispatchDetailDocument,
    "\n  subscription DispatchUpdated($id: ID) {\n    dispatchUpdated(id: $id) {\n      ...DispatchSummary\n    }\n  }\n": typeof types.DispatchUpdatedDocument,
    "\n  query DispatchLti($id: ID!) {\n    ltiToolUrls {\n      loginUrl\n      launchUrl\n      jwksUrl\n      deepLinkUrl\n    }\n    dispatch(id: $id) {\n      id\n      ltiPlatform {\n        id\n        issuer\n        clientId\n        deploymentIds\n        authorizationUrl\n        tokenUrl\n        jwksUrl\n        updatedAt\n      }\n    }\n  }\n": typeof types.DispatchLtiDocument,
    "\n  mutation SetDispatchLtiPlatform($dispatchId: ID!, $input: LtiPlatformInput!) {\n    setDispatchLtiPlatform(dispatchId: $dispatchId, input: $input) {\n      id\n      issuer\n      clientId\n      deploymentIds\n      authorizationUrl\n      tokenUrl\n      jwksUrl\n      updatedAt\n    }\n  }\n": typeof types.SetDispatchLtiPlatformDocument,
    "\n  mutation RemoveDispatchLtiPlatform($dispatchId: ID!) {\n    removeDispatchLtiPlatform(dispatchId: $dispatchId)\n  }\n": typeof types.RemoveDispatchLtiPlatformDocument,
    "\n  mutation CreateDispatch($input: CreateDispatchInput!) {\n    createDispatch(input: $input) {\n      key\n      secret\n      dispatch {\n        ...DispatchSummary\n      }\n    }\n  }\n": typeof types.CreateDispatchDocument,
    "\n  mutation DeleteDispatch($id: ID!) {\n    deleteDispatch(id: $id)\n  }\n": typeof types.DeleteDispatchDocument,
    "\n  fragment DailyActivityPoint on DailyActivity {\n    day\n    completions\n    activeLearners\n  }\n": typeof types.DailyActivityPointFragmentDoc,
    "\n  fragment CourseSummaryRow on Course {\n    id\n    title\n    stats {\n      ...StatsFields\n    }\n  }\n": typeof types.CourseSummaryRowFragmentDoc,
    "\n  fragment LiveActivityEntry on Registration {\n    id\n    status\n    progress\n    progressSource\n    timeSpentSeconds\n    lastActivityAt\n    learner {\n      id\n      name\n    }\n    course {\n      id\n      title\n    }\n  }\n": typeof types.LiveActivityEntryFragmentDoc,
    "\n  subscription LiveActivityUpdated {\n    registrationUpdated {\n      ...LiveActivityEntry\n    }\n  }\n": typeof types.LiveActivityUpdatedDocument,
    "\n  query Overview($recent: Int!) {\n    me {\n      id\n      role\n    }\n    organization {\n      id\n      name\n      stats {\n        ...StatsFields\n      }\n      recentActivity(first: $recent) {\n        ...LiveActivityEntry\n      }\n    }\n  }\n": typeof types.OverviewDocument,
    "\n  query OverviewTrends($days: Int!) {\n    organization {\n      id\n      dailyActivity(days: $days) {\n        ...DailyActivityPoint\n      }\n    }\n    courses {\n      ...CourseSummaryRow\n    }\n  }\n": typeof types.OverviewTrendsDocument,
    "\n  subscription OrganizationStatsUpdated {\n    organizationStatsUpdated {\n      ...StatsFields\n    }\n  }\n": typeof types.OrganizationStatsUpdatedDocument,
    "\n  mutation RenameOrganization($name: String!) {\n    renameOrganization(name: $name) {\n      id\n      name\n    }\n  }\n": typeof types.RenameOrganizationDocument,
    "\n  fragment ActivityTreeNode on SequencingActivity {\n    id\n    title\n    itemId\n    completion\n    success\n    measure\n    completionAmount\n    attemptCount\n    attemptLimit\n    suspended\n    tracked\n    objectives {\n      id\n      primary\n      success\n      measure\n      globalIds\n    }\n  }\n": typeof types.ActivityTreeNodeFragmentDoc,
    "\n  fragment ActivityTree on Registration {\n    suspendedActivityId\n    activityTreeList {\n      ...ActivityTreeNode\n      parentId\n    }\n  }\n": typeof types.ActivityTreeFragmentDoc,
    "\n  query RegistrationDetail($id: ID!) {\n    registration(id: $id) {\n      ...RegistrationRow\n      ...ActivityTree\n      resumePoint\n      launchCount\n      completedAt\n      createdAt\n      runtimeProblems {\n        id\n        scoId\n        element\n        code\n        message\n        seq\n        occurredAt\n      }\n      activities {\n        itemId\n        title\n        scormType\n        launched\n        completion\n        success\n        progress\n        timeSpentSeconds\n        location\n        score {\n          scaled\n          raw\n          min\n          max\n        }\n        interactions {\n          index\n          id\n          type\n          description\n          learnerResponse\n          correctResponses\n          result\n          latency\n        }\n        objectives {\n          index\n          id\n          description\n          completion\n          success\n          progress\n          score {\n            scaled\n            raw\n          }\n        }\n        cmi\n      }\n    }\n  }\n": typeof types.RegistrationDetailDocument,
    "\n  subscription RegistrationDetailUpdated($courseId: ID) {\n    registrationUpdated(courseId: $courseId) {\n      id\n    }\n  }\n": typeof types.RegistrationDetailUpdatedDocument,
    "\n  query Registrations(\n    $courseId: ID\n    $status: RegistrationStatus\n    $search: String\n    $first: Int\n    $after: String\n  ) {\n    registrations(\n      courseId: $courseId\n      status: $status\n      search: $search\n      first: $first\n      after: $after\n    ) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          ...RegistrationRow\n        }\n      }\n    }\n  }\n": typeof types.RegistrationsDocument,
    "\n  fragment RegistrationRow on Registration {\n    id\n    status\n    progress\n    progressSource\n    canResume\n    timeSpentSeconds\n    lastActivityAt\n    score {\n      scaled\n      raw\n    }\n    learner {\n      id\n      name\n      email\n    }\n    course {\n      id\n      title\n    }\n    dispatch {\n      id\n      recipientName\n    }\n  }\n": typeof types.RegistrationRowFragmentDoc,
    "\n  subscription RegistrationUpdated($courseId: ID) {\n    registrationUpdated(courseId: $courseId) {\n      ...RegistrationRow\n    }\n  }\n": typeof types.RegistrationUpdatedDocument,
    "\n  query CourseOptions {\n    courses {\n      id\n      title\n    }\n  }\n": typeof types.CourseOptionsDocument,
    "\n  mutation CreateRegistration($courseId: ID!, $learner: LearnerInput!) {\n    createRegistration(courseId: $courseId, learner: $learner) {\n      ...RegistrationRow\n    }\n  }\n": typeof types.CreateRegistrationDocument,
    "\n  mutation LaunchRegistration($id: ID!) {\n    launchRegistration(id: $id) {\n      url\n      expiresAt\n    }\n  }\n": typeof types.LaunchRegistrationDocument,
    "\n  fragment ApiKeyRow on ApiKey {\n    id\n    name\n    createdAt\n    lastUsedAt\n    revokedAt\n  }\n": typeof types.ApiKeyRowFragmentDoc,
    "\n  fragment ApiKeysSection on Query {\n    apiKeys {\n      ...ApiKeyRow\n    }\n  }\n": typeof types.ApiKeysSectionFragmentDoc,
    "\n  query LrsCredentials {\n    xapiCredentials {\n      id\n      name\n      key\n      scope\n      createdAt\n      lastUsedAt\n      revokedAt\n    }\n  }\n": typeof types.LrsCredentialsDocument,
    "\n  mutation CreateLrsCredential($name: String!, $scope: XapiCredentialScope!) {\n    createXapiCredential(name: $name, scope: $scope) {\n      secret\n      endpoint\n      credential {\n        id\n        key\n      }\n    }\n  }\n": typeof types.CreateLrsCredentialDocument,
    "\n  mutation RevokeLrsCredential($id: ID!) {\n    revokeXapiCredential(id: $id) {\n      id\n      revokedAt\n    }\n  }\n": typeof types.RevokeLrsCredentialDocument,
    "\n  query Organizations {\n    organizations {\n      id\n      name\n      stats {\n        total\n      }\n    }\n  }\n": typeof types.OrganizationsDocument,
    "\n  mutation CreateOrganization($input: CreateOrganizationInput!) {\n    createOrganization(input: $input) {\n      id\n    }\n  }\n": typeof types.CreateOrganizationDocument,
    "\n  query Settings {\n    me {\n      id\n      role\n    }\n    ...ApiKeysSection\n    ...UsersSection\n    ...WebhooksSection\n  }\n": typeof types.SettingsDocument,
    "\n  fragment UsersSection on Query {\n    users {\n      id\n      email\n      role\n    }\n    invitations {\n      id\n      email\n      role\n      expiresAt\n    }\n  }\n": typeof types.UsersSectionFragmentDoc,
    "\n  mutation SignOutEverywhere {\n    signOutEverywhere\n  }\n": typeof types.SignOutEverywhereDocument,
    "\n  fragment WebhookDeliveryRow on WebhookDelivery {\n    id\n    eventType\n    status\n    attempts\n    lastError\n    lastStatusCode\n    latencyMs\n    createdAt\n  }\n": typeof types.WebhookDeliveryRowFragmentDoc,
    "\n  fragment WebhookEndpointRow on WebhookEndpoint {\n    id\n    url\n    events\n    active\n    deliveries(first: 20) {\n      edges {\n        node {\n          ...WebhookDeliveryRow\n        }\n      }\n    }\n  }\n": typeof types.WebhookEndpointRowFragmentDoc,
    "\n  fragment WebhooksSection on Query {\n    webhookEndpoints {\n      ...WebhookEndpointRow\n    }\n  }\n": typeof types.WebhooksSectionFragmentDoc,
    "\n  subscription WebhookDeliveryUpdated {\n    webhookDeliveryUpdated {\n      endpointId\n      delivery {\n        ...WebhookDeliveryRow\n      }\n    }\n  }\n": typeof types.WebhookDeliveryUpdatedDocument,
    "\n  mutation CreateApiKey($name: String!) {\n    createApiKey(name: $name) {\n      id\n      name\n      token\n    }\n  }\n": typeof types.CreateApiKeyDocument,
    "\n  mutation CreateWebhookEndpoint($input: CreateWebhookEndpointInput!) {\n    createWebhookEndpoint(input: $input) {\n      secret\n      endpoint {\n        ...WebhookEndpointRow\n      }\n    }\n  }\n": typeof types.CreateWebhookEndpointDocument,
    "\n  mutation DeleteWebhookEndpoint($id: ID!) {\n    deleteWebhookEndpoint(id: $id)\n  }\n": typeof types.DeleteWebhookEndpointDocument,
    "\n  mutation InviteUser($input: InviteUserInput!) {\n    inviteUser(input: $input) {\n      url\n      invitation {\n        id\n        email\n        role\n        expiresAt\n      }\n    }\n  }\n": typeof types.InviteUserDocument,
    "\n  mutation ReplayWebhookDelivery($id: ID!) {\n    replayWebhookDeliveries(deliveryId: $id)\n  }\n": typeof types.ReplayWebhookDeliveryDocument,
    "\n  mutation RevokeApiKey($id: ID!) {\n    revokeApiKey(id: $id) {\n      id\n      revokedAt\n    }\n  }\n": typeof types.RevokeApiKeyDocument,
    "\n  mutation RevokeInvitation($id: ID!) {\n    revokeInvitation(id: $id) {\n      id\n      revokedAt\n    }\n  }\n": typeof types.RevokeInvitationDocument,
    "\n  mutation SendTestWebhook($id: ID!) {\n    sendTestWebhook(id: $id) {\n      ...WebhookDeliveryRow\n    }\n  }\n": typeof types.SendTestWebhookDocument,
    "\n  query Deployment {\n    deployment {\n      publicUrl\n      publicUrlIsLoopback\n    }\n  }\n": typeof types.DeploymentDocument,
    "\n  fragment StatsFields on RegistrationStats {\n    total\n    notStarted\n    inProgress\n    completed\n    passed\n    failed\n    completionRate\n    averageProgress\n    knownProgressCount\n  }\n": typeof types.StatsFieldsFragmentDoc,
};
const documents: Documents = {
    "\n  query Me {\n    me {\n      id\n      email\n      role\n      organization {\n        id\n        name\n      }\n    }\n  }\n": types.MeDocument,
    "\n  query OrganizationChoices {\n    organizations {\n      id\n      name\n    }\n  }\n": types.OrganizationChoicesDocument,
    "\n  mutation SwitchOrganization($id: ID!) {\n    switchOrganization(id: $id) {\n      token\n    }\n  }\n": types.SwitchOrganizationDocument,
    "\n  query InvitationPreview($token: String!) {\n    invitation(token: $token) {\n      email\n      role\n      organizationName\n      expiresAt\n      accountExists\n    }\n  }\n": types.InvitationPreviewDocument,
    "\n  mutation AcceptInvitation($token: String!, $password: String!) {\n    acceptInvitation(token: $token, password: $password) {\n      token\n    }\n  }\n": types.AcceptInvitationDocument,
    "\n  mutation Login($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      token\n    }\n  }\n": types.LoginDocument,
    "\n  query CourseDetail($id: ID!) {\n    course(id: $id) {\n      id\n      title\n      scormVersion\n      scoCount\n      version\n      versions {\n        version\n        title\n        scoCount\n        createdAt\n      }\n      stats {\n        ...StatsFields\n      }\n    }\n  }\n": types.CourseDetailDocument,
    "\n  subscription CourseStatsUpdated($courseId: ID!) {\n    courseStatsUpdated(courseId: $courseId) {\n      id\n      stats {\n        ...StatsFields\n      }\n    }\n  }\n": types.CourseStatsUpdatedDocument,
    "\n  query Courses {\n    courses {\n      id\n      title\n      scormVersion\n      scoCount\n      createdAt\n      stats {\n        total\n        completionRate\n        averageProgress\n      }\n    }\n  }\n": types.CoursesDocument,
    "\n  mutation DeleteCourse($id: ID!) {\n    deleteCourse(id: $id)\n  }\n": types.DeleteCourseDocument,
    "\n  fragment DispatchSummary on Dispatch {\n    id\n    recipientName\n    key\n    active\n    maxLaunches\n    expiresAt\n    launchCount\n    completionCount\n    completionRate\n    lastLaunchAt\n    course {\n      id\n      title\n    }\n  }\n": types.DispatchSummaryFragmentDoc,
    "\n  query Dispatches {\n    dispatches {\n      ...DispatchSummary\n    }\n    courses {\n      id\n      title\n    }\n  }\n": types.DispatchesDocument,
    "\n  mutation UpdateDispatch($id: ID!, $input: UpdateDispatchInput!) {\n    updateDispatch(id: $id, input: $input) {\n      ...DispatchSummary\n    }\n  }\n": types.UpdateDispatchDocument,
    "\n  query DispatchDetail($id: ID!) {\n    dispatch(id: $id) {\n      ...DispatchSummary\n      launches(first: 100) {\n        totalCount\n        edges {\n          node {\n            id\n            learnerId\n            learnerEmail\n            launchedAt\n            completedAt\n            status\n            progress\n            score {\n              scaled\n              raw\n            }\n            ipAddress\n            userAgent\n            ltiScores(first: 1) {\n              id\n              status\n              attempts\n              lastError\n              activityProgress\n              scoreGiven\n              scoreMaximum\n            }\n          }\n        }\n      }\n    }\n  }\n": types.DispatchDetailDocument,
    "\n  subscription DispatchUpdated($id: ID) {\n    dispatchUpdated(id: $id) {\n      ...DispatchSummary\n    }\n  }\n": types.DispatchUpdatedDocument,
    "\n  query DispatchLti($id: ID!) {\n    ltiToolUrls {\n      loginUrl\n      launchUrl\n      jwksUrl\n      deepLinkUrl\n    }\n    dispatch(id: $id) {\n      id\n      ltiPlatform {\n        id\n        issuer\n        clientId\n        deploymentIds\n        authorizationUrl\n        tokenUrl\n        jwksUrl\n        updatedAt\n      }\n    }\n  }\n": types.DispatchLtiDocument,
    "\n  mutation SetDispatchLtiPlatform($dispatchId: ID!, $input: LtiPlatformInput!) {\n    setDispatchLtiPlatform(dispatchId: $dispatchId, input: $input) {\n      id\n      issuer\n      clientId\n      deploymentIds\n      authorizationUrl\n      tokenUrl\n      jwksUrl\n      updatedAt\n    }\n  }\n": types.SetDispatchLtiPlatformDocument,
    "\n  mutation RemoveDispatchLtiPlatform($dispatchId: ID!) {\n    removeDispatchLtiPlatform(dispatchId: $dispatchId)\n  }\n": types.RemoveDispatchLtiPlatformDocument,
    "\n  mutation CreateDispatch($input: CreateDispatchInput!) {\n    createDispatch(input: $input) {\n      key\n      secret\n      dispatch {\n        ...DispatchSummary\n      }\n    }\n  }\n": types.CreateDispatchDocument,
    "\n  mutation DeleteDispatch($id: ID!) {\n    deleteDispatch(id: $id)\n  }\n": types.DeleteDispatchDocument,
    "\n  fragment DailyActivityPoint on DailyActivity {\n    day\n    completions\n    activeLearners\n  }\n": types.DailyActivityPointFragmentDoc,
    "\n  fragment CourseSummaryRow on Course {\n    id\n    title\n    stats {\n      ...StatsFields\n    }\n  }\n": types.CourseSummaryRowFragmentDoc,
    "\n  fragment LiveActivityEntry on Registration {\n    id\n    status\n    progress\n    progressSource\n    timeSpentSeconds\n    lastActivityAt\n    learner {\n      id\n      name\n    }\n    course {\n      id\n      title\n    }\n  }\n": types.LiveActivityEntryFragmentDoc,
    "\n  subscription LiveActivityUpdated {\n    registrationUpdated {\n      ...LiveActivityEntry\n    }\n  }\n": types.LiveActivityUpdatedDocument,
    "\n  query Overview($recent: Int!) {\n    me {\n      id\n      role\n    }\n    organization {\n      id\n      name\n      stats {\n        ...StatsFields\n      }\n      recentActivity(first: $recent) {\n        ...LiveActivityEntry\n      }\n    }\n  }\n": types.OverviewDocument,
    "\n  query OverviewTrends($days: Int!) {\n    organization {\n      id\n      dailyActivity(days: $days) {\n        ...DailyActivityPoint\n      }\n    }\n    courses {\n      ...CourseSummaryRow\n    }\n  }\n": types.OverviewTrendsDocument,
    "\n  subscription OrganizationStatsUpdated {\n    organizationStatsUpdated {\n      ...StatsFields\n    }\n  }\n": types.OrganizationStatsUpdatedDocument,
    "\n  mutation RenameOrganization($name: String!) {\n    renameOrganization(name: $name) {\n      id\n      name\n    }\n  }\n": types.RenameOrganizationDocument,
    "\n  fragment ActivityTreeNode on SequencingActivity {\n    id\n    title\n    itemId\n    completion\n    success\n    measure\n    completionAmount\n    attemptCount\n    attemptLimit\n    suspended\n    tracked\n    objectives {\n      id\n      primary\n      success\n      measure\n      globalIds\n    }\n  }\n": types.ActivityTreeNodeFragmentDoc,
    "\n  fragment ActivityTree on Registration {\n    suspendedActivityId\n    activityTreeList {\n      ...ActivityTreeNode\n      parentId\n    }\n  }\n": types.ActivityTreeFragmentDoc,
    "\n  query RegistrationDetail($id: ID!) {\n    registration(id: $id) {\n      ...RegistrationRow\n      ...ActivityTree\n      resumePoint\n      launchCount\n      completedAt\n      createdAt\n      runtimeProblems {\n        id\n        scoId\n        element\n        code\n        message\n        seq\n        occurredAt\n      }\n      activities {\n        itemId\n        title\n        scormType\n        launched\n        completion\n        success\n        progress\n        timeSpentSeconds\n        location\n        score {\n          scaled\n          raw\n          min\n          max\n        }\n        interactions {\n          index\n          id\n          type\n          description\n          learnerResponse\n          correctResponses\n          result\n          latency\n        }\n        objectives {\n          index\n          id\n          description\n          completion\n          success\n          progress\n          score {\n            scaled\n            raw\n          }\n        }\n        cmi\n      }\n    }\n  }\n": types.RegistrationDetailDocument,
    "\n  subscription RegistrationDetailUpdated($courseId: ID) {\n    registrationUpdated(courseId: $courseId) {\n      id\n    }\n  }\n": types.RegistrationDetailUpdatedDocument,
    "\n  query Registrations(\n    $courseId: ID\n    $status: RegistrationStatus\n    $search: String\n    $first: Int\n    $after: String\n  ) {\n    registrations(\n      courseId: $courseId\n      status: $status\n      search: $search\n      first: $first\n      after: $after\n    ) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          ...RegistrationRow\n        }\n      }\n    }\n  }\n": types.RegistrationsDocument,
    "\n  fragment RegistrationRow on Registration {\n    id\n    status\n    progress\n    progressSource\n    canResume\n    timeSpentSeconds\n    lastActivityAt\n    score {\n      scaled\n      raw\n    }\n    learner {\n      id\n      name\n      email\n    }\n    course {\n      id\n      title\n    }\n    dispatch {\n      id\n      recipientName\n    }\n  }\n": types.RegistrationRowFragmentDoc,
    "\n  subscription RegistrationUpdated($courseId: ID) {\n    registrationUpdated(courseId: $courseId) {\n      ...RegistrationRow\n    }\n  }\n": types.RegistrationUpdatedDocument,
    "\n  query CourseOptions {\n    courses {\n      id\n      title\n    }\n  }\n": types.CourseOptionsDocument,
    "\n  mutation CreateRegistration($courseId: ID!, $learner: LearnerInput!) {\n    createRegistration(courseId: $courseId, learner: $learner) {\n      ...RegistrationRow\n    }\n  }\n": types.CreateRegistrationDocument,
    "\n  mutation LaunchRegistration($id: ID!) {\n    launchRegistration(id: $id) {\n      url\n      expiresAt\n    }\n  }\n": types.LaunchRegistrationDocument,
    "\n  fragment ApiKeyRow on ApiKey {\n    id\n    name\n    createdAt\n    lastUsedAt\n    revokedAt\n  }\n": types.ApiKeyRowFragmentDoc,
    "\n  fragment ApiKeysSection on Query {\n    apiKeys {\n      ...ApiKeyRow\n    }\n  }\n": types.ApiKeysSectionFragmentDoc,
    "\n  query LrsCredentials {\n    xapiCredentials {\n      id\n      name\n      key\n      scope\n      createdAt\n      lastUsedAt\n      revokedAt\n    }\n  }\n": types.LrsCredentialsDocument,
    "\n  mutation CreateLrsCredential($name: String!, $scope: XapiCredentialScope!) {\n    createXapiCredential(name: $name, scope: $scope) {\n      secret\n      endpoint\n      credential {\n        id\n        key\n      }\n    }\n  }\n": types.CreateLrsCredentialDocument,
    "\n  mutation RevokeLrsCredential($id: ID!) {\n    revokeXapiCredential(id: $id) {\n      id\n      revokedAt\n    }\n  }\n": types.RevokeLrsCredentialDocument,
    "\n  query Organizations {\n    organizations {\n      id\n      name\n      stats {\n        total\n      }\n    }\n  }\n": types.OrganizationsDocument,
    "\n  mutation CreateOrganization($input: CreateOrganizationInput!) {\n    createOrganization(input: $input) {\n      id\n    }\n  }\n": types.CreateOrganizationDocument,
    "\n  query Settings {\n    me {\n      id\n      role\n    }\n    ...ApiKeysSection\n    ...UsersSection\n    ...WebhooksSection\n  }\n": types.SettingsDocument,
    "\n  fragment UsersSection on Query {\n    users {\n      id\n      email\n      role\n    }\n    invitations {\n      id\n      email\n      role\n      expiresAt\n    }\n  }\n": types.UsersSectionFragmentDoc,
    "\n  mutation SignOutEverywhere {\n    signOutEverywhere\n  }\n": types.SignOutEverywhereDocument,
    "\n  fragment WebhookDeliveryRow on WebhookDelivery {\n    id\n    eventType\n    status\n    attempts\n    lastError\n    lastStatusCode\n    latencyMs\n    createdAt\n  }\n": types.WebhookDeliveryRowFragmentDoc,
    "\n  fragment WebhookEndpointRow on WebhookEndpoint {\n    id\n    url\n    events\n    active\n    deliveries(first: 20) {\n      edges {\n        node {\n          ...WebhookDeliveryRow\n        }\n      }\n    }\n  }\n": types.WebhookEndpointRowFragmentDoc,
    "\n  fragment WebhooksSection on Query {\n    webhookEndpoints {\n      ...WebhookEndpointRow\n    }\n  }\n": types.WebhooksSectionFragmentDoc,
    "\n  subscription WebhookDeliveryUpdated {\n    webhookDeliveryUpdated {\n      endpointId\n      delivery {\n        ...WebhookDeliveryRow\n      }\n    }\n  }\n": types.WebhookDeliveryUpdatedDocument,
    "\n  mutation CreateApiKey($name: String!) {\n    createApiKey(name: $name) {\n      id\n      name\n      token\n    }\n  }\n": types.CreateApiKeyDocument,
    "\n  mutation CreateWebhookEndpoint($input: CreateWebhookEndpointInput!) {\n    createWebhookEndpoint(input: $input) {\n      secret\n      endpoint {\n        ...WebhookEndpointRow\n      }\n    }\n  }\n": types.CreateWebhookEndpointDocument,
    "\n  mutation DeleteWebhookEndpoint($id: ID!) {\n    deleteWebhookEndpoint(id: $id)\n  }\n": types.DeleteWebhookEndpointDocument,
    "\n  mutation InviteUser($input: InviteUserInput!) {\n    inviteUser(input: $input) {\n      url\n      invitation {\n        id\n        email\n        role\n        expiresAt\n      }\n    }\n  }\n": types.InviteUserDocument,
    "\n  mutation ReplayWebhookDelivery($id: ID!) {\n    replayWebhookDeliveries(deliveryId: $id)\n  }\n": types.ReplayWebhookDeliveryDocument,
    "\n  mutation RevokeApiKey($id: ID!) {\n    revokeApiKey(id: $id) {\n      id\n      revokedAt\n    }\n  }\n": types.RevokeApiKeyDocument,
    "\n  mutation RevokeInvitation($id: ID!) {\n    revokeInvitation(id: $id) {\n      id\n      revokedAt\n    }\n  }\n": types.RevokeInvitationDocument,
    "\n  mutation SendTestWebhook($id: ID!) {\n    sendTestWebhook(id: $id) {\n      ...WebhookDeliveryRow\n    }\n  }\n": types.SendTestWebhookDocument,
    "\n  query Deployment {\n    deployment {\n      publicUrl\n      publicUrlIsLoopback\n    }\n  }\n": types.DeploymentDocument,
    "\n  fragment StatsFields on RegistrationStats {\n    total\n    notStarted\n    inProgress\n    completed\n    passed\n    failed\n    completionRate\n    averageProgress\n    knownProgressCount\n  }\n": types.StatsFieldsFragmentDoc,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Me {\n    me {\n      id\n      email\n      role\n      organization {\n        id\n        name\n      }\n    }\n  }\n"): (typeof documents)["\n  query Me {\n    me {\n      id\n      email\n      role\n      organization {\n        id\n        name\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OrganizationChoices {\n    organizations {\n      id\n      name\n    }\n  }\n"): (typeof documents)["\n  query OrganizationChoices {\n    organizations {\n      id\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SwitchOrganization($id: ID!) {\n    switchOrganization(id: $id) {\n      token\n    }\n  }\n"): (typeof documents)["\n  mutation SwitchOrganization($id: ID!) {\n    switchOrganization(id: $id) {\n      token\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query InvitationPreview($token: String!) {\n    invitation(token: $token) {\n      email\n      role\n      organizationName\n      expiresAt\n      accountExists\n    }\n  }\n"): (typeof documents)["\n  query InvitationPreview($token: String!) {\n    invitation(token: $token) {\n      email\n      role\n      organizationName\n      expiresAt\n      accountExists\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AcceptInvitation($token: String!, $password: String!) {\n    acceptInvitation(token: $token, password: $password) {\n      token\n    }\n  }\n"): (typeof documents)["\n  mutation AcceptInvitation($token: String!, $password: String!) {\n    acceptInvitation(token: $token, password: $password) {\n      token\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Login($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      token\n    }\n  }\n"): (typeof documents)["\n  mutation Login($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      token\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CourseDetail($id: ID!) {\n    course(id: $id) {\n      id\n      title\n      scormVersion\n      scoCount\n      version\n      versions {\n        version\n        title\n        scoCount\n        createdAt\n      }\n      stats {\n        ...StatsFields\n      }\n    }\n  }\n"): (typeof documents)["\n  query CourseDetail($id: ID!) {\n    course(id: $id) {\n      id\n      title\n      scormVersion\n      scoCount\n      version\n      versions {\n        version\n        title\n        scoCount\n        createdAt\n      }\n      stats {\n        ...StatsFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription CourseStatsUpdated($courseId: ID!) {\n    courseStatsUpdated(courseId: $courseId) {\n      id\n      stats {\n        ...StatsFields\n      }\n    }\n  }\n"): (typeof documents)["\n  subscription CourseStatsUpdated($courseId: ID!) {\n    courseStatsUpdated(courseId: $courseId) {\n      id\n      stats {\n        ...StatsFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Courses {\n    courses {\n      id\n      title\n      scormVersion\n      scoCount\n      createdAt\n      stats {\n        total\n        completionRate\n        averageProgress\n      }\n    }\n  }\n"): (typeof documents)["\n  query Courses {\n    courses {\n      id\n      title\n      scormVersion\n      scoCount\n      createdAt\n      stats {\n        total\n        completionRate\n        averageProgress\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteCourse($id: ID!) {\n    deleteCourse(id: $id)\n  }\n"): (typeof documents)["\n  mutation DeleteCourse($id: ID!) {\n    deleteCourse(id: $id)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment DispatchSummary on Dispatch {\n    id\n    recipientName\n    key\n    active\n    maxLaunches\n    expiresAt\n    launchCount\n    completionCount\n    completionRate\n    lastLaunchAt\n    course {\n      id\n      title\n    }\n  }\n"): (typeof documents)["\n  fragment DispatchSummary on Dispatch {\n    id\n    recipientName\n    key\n    active\n    maxLaunches\n    expiresAt\n    launchCount\n    completionCount\n    completionRate\n    lastLaunchAt\n    course {\n      id\n      title\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Dispatches {\n    dispatches {\n      ...DispatchSummary\n    }\n    courses {\n      id\n      title\n    }\n  }\n"): (typeof documents)["\n  query Dispatches {\n    dispatches {\n      ...DispatchSummary\n    }\n    courses {\n      id\n      title\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateDispatch($id: ID!, $input: UpdateDispatchInput!) {\n    updateDispatch(id: $id, input: $input) {\n      ...DispatchSummary\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateDispatch($id: ID!, $input: UpdateDispatchInput!) {\n    updateDispatch(id: $id, input: $input) {\n      ...DispatchSummary\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DispatchDetail($id: ID!) {\n    dispatch(id: $id) {\n      ...DispatchSummary\n      launches(first: 100) {\n        totalCount\n        edges {\n          node {\n            id\n            learnerId\n            learnerEmail\n            launchedAt\n            completedAt\n            status\n            progress\n            score {\n              scaled\n              raw\n            }\n            ipAddress\n            userAgent\n            ltiScores(first: 1) {\n              id\n              status\n              attempts\n              lastError\n              activityProgress\n              scoreGiven\n              scoreMaximum\n            }\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query DispatchDetail($id: ID!) {\n    dispatch(id: $id) {\n      ...DispatchSummary\n      launches(first: 100) {\n        totalCount\n        edges {\n          node {\n            id\n            learnerId\n            learnerEmail\n            launchedAt\n            completedAt\n            status\n            progress\n            score {\n              scaled\n              raw\n            }\n            ipAddress\n            userAgent\n            ltiScores(first: 1) {\n              id\n              status\n              attempts\n              lastError\n              activityProgress\n              scoreGiven\n              scoreMaximum\n            }\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription DispatchUpdated($id: ID) {\n    dispatchUpdated(id: $id) {\n      ...DispatchSummary\n    }\n  }\n"): (typeof documents)["\n  subscription DispatchUpdated($id: ID) {\n    dispatchUpdated(id: $id) {\n      ...DispatchSummary\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DispatchLti($id: ID!) {\n    ltiToolUrls {\n      loginUrl\n      launchUrl\n      jwksUrl\n      deepLinkUrl\n    }\n    dispatch(id: $id) {\n      id\n      ltiPlatform {\n        id\n        issuer\n        clientId\n        deploymentIds\n        authorizationUrl\n        tokenUrl\n        jwksUrl\n        updatedAt\n      }\n    }\n  }\n"): (typeof documents)["\n  query DispatchLti($id: ID!) {\n    ltiToolUrls {\n      loginUrl\n      launchUrl\n      jwksUrl\n      deepLinkUrl\n    }\n    dispatch(id: $id) {\n      id\n      ltiPlatform {\n        id\n        issuer\n        clientId\n        deploymentIds\n        authorizationUrl\n        tokenUrl\n        jwksUrl\n        updatedAt\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetDispatchLtiPlatform($dispatchId: ID!, $input: LtiPlatformInput!) {\n    setDispatchLtiPlatform(dispatchId: $dispatchId, input: $input) {\n      id\n      issuer\n      clientId\n      deploymentIds\n      authorizationUrl\n      tokenUrl\n      jwksUrl\n      updatedAt\n    }\n  }\n"): (typeof documents)["\n  mutation SetDispatchLtiPlatform($dispatchId: ID!, $input: LtiPlatformInput!) {\n    setDispatchLtiPlatform(dispatchId: $dispatchId, input: $input) {\n      id\n      issuer\n      clientId\n      deploymentIds\n      authorizationUrl\n      tokenUrl\n      jwksUrl\n      updatedAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RemoveDispatchLtiPlatform($dispatchId: ID!) {\n    removeDispatchLtiPlatform(dispatchId: $dispatchId)\n  }\n"): (typeof documents)["\n  mutation RemoveDispatchLtiPlatform($dispatchId: ID!) {\n    removeDispatchLtiPlatform(dispatchId: $dispatchId)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateDispatch($input: CreateDispatchInput!) {\n    createDispatch(input: $input) {\n      key\n      secret\n      dispatch {\n        ...DispatchSummary\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation CreateDispatch($input: CreateDispatchInput!) {\n    createDispatch(input: $input) {\n      key\n      secret\n      dispatch {\n        ...DispatchSummary\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteDispatch($id: ID!) {\n    deleteDispatch(id: $id)\n  }\n"): (typeof documents)["\n  mutation DeleteDispatch($id: ID!) {\n    deleteDispatch(id: $id)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment DailyActivityPoint on DailyActivity {\n    day\n    completions\n    activeLearners\n  }\n"): (typeof documents)["\n  fragment DailyActivityPoint on DailyActivity {\n    day\n    completions\n    activeLearners\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment CourseSummaryRow on Course {\n    id\n    title\n    stats {\n      ...StatsFields\n    }\n  }\n"): (typeof documents)["\n  fragment CourseSummaryRow on Course {\n    id\n    title\n    stats {\n      ...StatsFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment LiveActivityEntry on Registration {\n    id\n    status\n    progress\n    progressSource\n    timeSpentSeconds\n    lastActivityAt\n    learner {\n      id\n      name\n    }\n    course {\n      id\n      title\n    }\n  }\n"): (typeof documents)["\n  fragment LiveActivityEntry on Registration {\n    id\n    status\n    progress\n    progressSource\n    timeSpentSeconds\n    lastActivityAt\n    learner {\n      id\n      name\n    }\n    course {\n      id\n      title\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription LiveActivityUpdated {\n    registrationUpdated {\n      ...LiveActivityEntry\n    }\n  }\n"): (typeof documents)["\n  subscription LiveActivityUpdated {\n    registrationUpdated {\n      ...LiveActivityEntry\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Overview($recent: Int!) {\n    me {\n      id\n      role\n    }\n    organization {\n      id\n      name\n      stats {\n        ...StatsFields\n      }\n      recentActivity(first: $recent) {\n        ...LiveActivityEntry\n      }\n    }\n  }\n"): (typeof documents)["\n  query Overview($recent: Int!) {\n    me {\n      id\n      role\n    }\n    organization {\n      id\n      name\n      stats {\n        ...StatsFields\n      }\n      recentActivity(first: $recent) {\n        ...LiveActivityEntry\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OverviewTrends($days: Int!) {\n    organization {\n      id\n      dailyActivity(days: $days) {\n        ...DailyActivityPoint\n      }\n    }\n    courses {\n      ...CourseSummaryRow\n    }\n  }\n"): (typeof documents)["\n  query OverviewTrends($days: Int!) {\n    organization {\n      id\n      dailyActivity(days: $days) {\n        ...DailyActivityPoint\n      }\n    }\n    courses {\n      ...CourseSummaryRow\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription OrganizationStatsUpdated {\n    organizationStatsUpdated {\n      ...StatsFields\n    }\n  }\n"): (typeof documents)["\n  subscription OrganizationStatsUpdated {\n    organizationStatsUpdated {\n      ...StatsFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RenameOrganization($name: String!) {\n    renameOrganization(name: $name) {\n      id\n      name\n    }\n  }\n"): (typeof documents)["\n  mutation RenameOrganization($name: String!) {\n    renameOrganization(name: $name) {\n      id\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ActivityTreeNode on SequencingActivity {\n    id\n    title\n    itemId\n    completion\n    success\n    measure\n    completionAmount\n    attemptCount\n    attemptLimit\n    suspended\n    tracked\n    objectives {\n      id\n      primary\n      success\n      measure\n      globalIds\n    }\n  }\n"): (typeof documents)["\n  fragment ActivityTreeNode on SequencingActivity {\n    id\n    title\n    itemId\n    completion\n    success\n    measure\n    completionAmount\n    attemptCount\n    attemptLimit\n    suspended\n    tracked\n    objectives {\n      id\n      primary\n      success\n      measure\n      globalIds\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ActivityTree on Registration {\n    suspendedActivityId\n    activityTreeList {\n      ...ActivityTreeNode\n      parentId\n    }\n  }\n"): (typeof documents)["\n  fragment ActivityTree on Registration {\n    suspendedActivityId\n    activityTreeList {\n      ...ActivityTreeNode\n      parentId\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RegistrationDetail($id: ID!) {\n    registration(id: $id) {\n      ...RegistrationRow\n      ...ActivityTree\n      resumePoint\n      launchCount\n      completedAt\n      createdAt\n      runtimeProblems {\n        id\n        scoId\n        element\n        code\n        message\n        seq\n        occurredAt\n      }\n      activities {\n        itemId\n        title\n        scormType\n        launched\n        completion\n        success\n        progress\n        timeSpentSeconds\n        location\n        score {\n          scaled\n          raw\n          min\n          max\n        }\n        interactions {\n          index\n          id\n          type\n          description\n          learnerResponse\n          correctResponses\n          result\n          latency\n        }\n        objectives {\n          index\n          id\n          description\n          completion\n          success\n          progress\n          score {\n            scaled\n            raw\n          }\n        }\n        cmi\n      }\n    }\n  }\n"): (typeof documents)["\n  query RegistrationDetail($id: ID!) {\n    registration(id: $id) {\n      ...RegistrationRow\n      ...ActivityTree\n      resumePoint\n      launchCount\n      completedAt\n      createdAt\n      runtimeProblems {\n        id\n        scoId\n        element\n        code\n        message\n        seq\n        occurredAt\n      }\n      activities {\n        itemId\n        title\n        scormType\n        launched\n        completion\n        success\n        progress\n        timeSpentSeconds\n        location\n        score {\n          scaled\n          raw\n          min\n          max\n        }\n        interactions {\n          index\n          id\n          type\n          description\n          learnerResponse\n          correctResponses\n          result\n          latency\n        }\n        objectives {\n          index\n          id\n          description\n          completion\n          success\n          progress\n          score {\n            scaled\n            raw\n          }\n        }\n        cmi\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription RegistrationDetailUpdated($courseId: ID) {\n    registrationUpdated(courseId: $courseId) {\n      id\n    }\n  }\n"): (typeof documents)["\n  subscription RegistrationDetailUpdated($courseId: ID) {\n    registrationUpdated(courseId: $courseId) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Registrations(\n    $courseId: ID\n    $status: RegistrationStatus\n    $search: String\n    $first: Int\n    $after: String\n  ) {\n    registrations(\n      courseId: $courseId\n      status: $status\n      search: $search\n      first: $first\n      after: $after\n    ) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          ...RegistrationRow\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Registrations(\n    $courseId: ID\n    $status: RegistrationStatus\n    $search: String\n    $first: Int\n    $after: String\n  ) {\n    registrations(\n      courseId: $courseId\n      status: $status\n      search: $search\n      first: $first\n      after: $after\n    ) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          ...RegistrationRow\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment RegistrationRow on Registration {\n    id\n    status\n    progress\n    progressSource\n    canResume\n    timeSpentSeconds\n    lastActivityAt\n    score {\n      scaled\n      raw\n    }\n    learner {\n      id\n      name\n      email\n    }\n    course {\n      id\n      title\n    }\n    dispatch {\n      id\n      recipientName\n    }\n  }\n"): (typeof documents)["\n  fragment RegistrationRow on Registration {\n    id\n    status\n    progress\n    progressSource\n    canResume\n    timeSpentSeconds\n    lastActivityAt\n    score {\n      scaled\n      raw\n    }\n    learner {\n      id\n      name\n      email\n    }\n    course {\n      id\n      title\n    }\n    dispatch {\n      id\n      recipientName\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription RegistrationUpdated($courseId: ID) {\n    registrationUpdated(courseId: $courseId) {\n      ...RegistrationRow\n    }\n  }\n"): (typeof documents)["\n  subscription RegistrationUpdated($courseId: ID) {\n    registrationUpdated(courseId: $courseId) {\n      ...RegistrationRow\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CourseOptions {\n    courses {\n      id\n      title\n    }\n  }\n"): (typeof documents)["\n  query CourseOptions {\n    courses {\n      id\n      title\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateRegistration($courseId: ID!, $learner: LearnerInput!) {\n    createRegistration(courseId: $courseId, learner: $learner) {\n      ...RegistrationRow\n    }\n  }\n"): (typeof documents)["\n  mutation CreateRegistration($courseId: ID!, $learner: LearnerInput!) {\n    createRegistration(courseId: $courseId, learner: $learner) {\n      ...RegistrationRow\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation LaunchRegistration($id: ID!) {\n    launchRegistration(id: $id) {\n      url\n      expiresAt\n    }\n  }\n"): (typeof documents)["\n  mutation LaunchRegistration($id: ID!) {\n    launchRegistration(id: $id) {\n      url\n      expiresAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ApiKeyRow on ApiKey {\n    id\n    name\n    createdAt\n    lastUsedAt\n    revokedAt\n  }\n"): (typeof documents)["\n  fragment ApiKeyRow on ApiKey {\n    id\n    name\n    createdAt\n    lastUsedAt\n    revokedAt\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ApiKeysSection on Query {\n    apiKeys {\n      ...ApiKeyRow\n    }\n  }\n"): (typeof documents)["\n  fragment ApiKeysSection on Query {\n    apiKeys {\n      ...ApiKeyRow\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query LrsCredentials {\n    xapiCredentials {\n      id\n      name\n      key\n      scope\n      createdAt\n      lastUsedAt\n      revokedAt\n    }\n  }\n"): (typeof documents)["\n  query LrsCredentials {\n    xapiCredentials {\n      id\n      name\n      key\n      scope\n      createdAt\n      lastUsedAt\n      revokedAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateLrsCredential($name: String!, $scope: XapiCredentialScope!) {\n    createXapiCredential(name: $name, scope: $scope) {\n      secret\n      endpoint\n      credential {\n        id\n        key\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation CreateLrsCredential($name: String!, $scope: XapiCredentialScope!) {\n    createXapiCredential(name: $name, scope: $scope) {\n      secret\n      endpoint\n      credential {\n        id\n        key\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RevokeLrsCredential($id: ID!) {\n    revokeXapiCredential(id: $id) {\n      id\n      revokedAt\n    }\n  }\n"): (typeof documents)["\n  mutation RevokeLrsCredential($id: ID!) {\n    revokeXapiCredential(id: $id) {\n      id\n      revokedAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Organizations {\n    organizations {\n      id\n      name\n      stats {\n        total\n      }\n    }\n  }\n"): (typeof documents)["\n  query Organizations {\n    organizations {\n      id\n      name\n      stats {\n        total\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateOrganization($input: CreateOrganizationInput!) {\n    createOrganization(input: $input) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation CreateOrganization($input: CreateOrganizationInput!) {\n    createOrganization(input: $input) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Settings {\n    me {\n      id\n      role\n    }\n    ...ApiKeysSection\n    ...UsersSection\n    ...WebhooksSection\n  }\n"): (typeof documents)["\n  query Settings {\n    me {\n      id\n      role\n    }\n    ...ApiKeysSection\n    ...UsersSection\n    ...WebhooksSection\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment UsersSection on Query {\n    users {\n      id\n      email\n      role\n    }\n    invitations {\n      id\n      email\n      role\n      expiresAt\n    }\n  }\n"): (typeof documents)["\n  fragment UsersSection on Query {\n    users {\n      id\n      email\n      role\n    }\n    invitations {\n      id\n      email\n      role\n      expiresAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SignOutEverywhere {\n    signOutEverywhere\n  }\n"): (typeof documents)["\n  mutation SignOutEverywhere {\n    signOutEverywhere\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment WebhookDeliveryRow on WebhookDelivery {\n    id\n    eventType\n    status\n    attempts\n    lastError\n    lastStatusCode\n    latencyMs\n    createdAt\n  }\n"): (typeof documents)["\n  fragment WebhookDeliveryRow on WebhookDelivery {\n    id\n    eventType\n    status\n    attempts\n    lastError\n    lastStatusCode\n    latencyMs\n    createdAt\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment WebhookEndpointRow on WebhookEndpoint {\n    id\n    url\n    events\n    active\n    deliveries(first: 20) {\n      edges {\n        node {\n          ...WebhookDeliveryRow\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment WebhookEndpointRow on WebhookEndpoint {\n    id\n    url\n    events\n    active\n    deliveries(first: 20) {\n      edges {\n        node {\n          ...WebhookDeliveryRow\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment WebhooksSection on Query {\n    webhookEndpoints {\n      ...WebhookEndpointRow\n    }\n  }\n"): (typeof documents)["\n  fragment WebhooksSection on Query {\n    webhookEndpoints {\n      ...WebhookEndpointRow\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription WebhookDeliveryUpdated {\n    webhookDeliveryUpdated {\n      endpointId\n      delivery {\n        ...WebhookDeliveryRow\n      }\n    }\n  }\n"): (typeof documents)["\n  subscription WebhookDeliveryUpdated {\n    webhookDeliveryUpdated {\n      endpointId\n      delivery {\n        ...WebhookDeliveryRow\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateApiKey($name: String!) {\n    createApiKey(name: $name) {\n      id\n      name\n      token\n    }\n  }\n"): (typeof documents)["\n  mutation CreateApiKey($name: String!) {\n    createApiKey(name: $name) {\n      id\n      name\n      token\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateWebhookEndpoint($input: CreateWebhookEndpointInput!) {\n    createWebhookEndpoint(input: $input) {\n      secret\n      endpoint {\n        ...WebhookEndpointRow\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation CreateWebhookEndpoint($input: CreateWebhookEndpointInput!) {\n    createWebhookEndpoint(input: $input) {\n      secret\n      endpoint {\n        ...WebhookEndpointRow\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteWebhookEndpoint($id: ID!) {\n    deleteWebhookEndpoint(id: $id)\n  }\n"): (typeof documents)["\n  mutation DeleteWebhookEndpoint($id: ID!) {\n    deleteWebhookEndpoint(id: $id)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation InviteUser($input: InviteUserInput!) {\n    inviteUser(input: $input) {\n      url\n      invitation {\n        id\n        email\n        role\n        expiresAt\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation InviteUser($input: InviteUserInput!) {\n    inviteUser(input: $input) {\n      url\n      invitation {\n        id\n        email\n        role\n        expiresAt\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ReplayWebhookDelivery($id: ID!) {\n    replayWebhookDeliveries(deliveryId: $id)\n  }\n"): (typeof documents)["\n  mutation ReplayWebhookDelivery($id: ID!) {\n    replayWebhookDeliveries(deliveryId: $id)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RevokeApiKey($id: ID!) {\n    revokeApiKey(id: $id) {\n      id\n      revokedAt\n    }\n  }\n"): (typeof documents)["\n  mutation RevokeApiKey($id: ID!) {\n    revokeApiKey(id: $id) {\n      id\n      revokedAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RevokeInvitation($id: ID!) {\n    revokeInvitation(id: $id) {\n      id\n      revokedAt\n    }\n  }\n"): (typeof documents)["\n  mutation RevokeInvitation($id: ID!) {\n    revokeInvitation(id: $id) {\n      id\n      revokedAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SendTestWebhook($id: ID!) {\n    sendTestWebhook(id: $id) {\n      ...WebhookDeliveryRow\n    }\n  }\n"): (typeof documents)["\n  mutation SendTestWebhook($id: ID!) {\n    sendTestWebhook(id: $id) {\n      ...WebhookDeliveryRow\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Deployment {\n    deployment {\n      publicUrl\n      publicUrlIsLoopback\n    }\n  }\n"): (typeof documents)["\n  query Deployment {\n    deployment {\n      publicUrl\n      publicUrlIsLoopback\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment StatsFields on RegistrationStats {\n    total\n    notStarted\n    inProgress\n    completed\n    passed\n    failed\n    completionRate\n    averageProgress\n    knownProgressCount\n  }\n"): (typeof documents)["\n  fragment StatsFields on RegistrationStats {\n    total\n    notStarted\n    inProgress\n    completed\n    passed\n    failed\n    completionRate\n    averageProgress\n    knownProgressCount\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;