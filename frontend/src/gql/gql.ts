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
    "\n  query Viewer {\n    viewer { id name email role }\n  }\n": typeof types.ViewerDocument,
    "\n  query ClientForm($id: ID!) {\n    node(id: $id) {\n      __typename\n      ... on Client {\n        id version name industry country city status accountManagerID operationsManagerID\n        accountManager { id name }\n        operationsManager { id name }\n      }\n    }\n  }\n": typeof types.ClientFormDocument,
    "\n  mutation CreateClient($input: CreateClientInput!) {\n    createClient(input: $input) { id name }\n  }\n": typeof types.CreateClientDocument,
    "\n  mutation UpdateClient($id: ID!, $input: UpdateClientInput!, $expectedVersion: Int) {\n    updateClient(id: $id, input: $input, expectedVersion: $expectedVersion) {\n      id version name industry country city status accountManagerID operationsManagerID\n      accountManager { id name }\n      operationsManager { id name }\n    }\n  }\n": typeof types.UpdateClientDocument,
    "\n  query ClientPage($id: ID!) {\n    node(id: $id) {\n      __typename\n      ... on Client {\n        id version name industry country city status\n        accountManager { id name email active }\n        operationsManager { id name email active }\n        contacts(first: 200, orderBy: [{field: NAME}]) { edges { node { ...ContactRow } } }\n        tenders(first: 200, orderBy: [{field: SUBMISSION_DEADLINE, direction: DESC}]) {\n          totalCount\n          edges { node { id reference title stage estimatedValue currency winProbability submissionDeadline } }\n        }\n      }\n    }\n  }\n": typeof types.ClientPageDocument,
    "\n  query Clients($where: ClientWhereInput, $first: Int!) {\n    clients(where: $where, first: $first, orderBy: [{field: NAME}]) {\n      totalCount\n      edges { node { id name industry city country status accountManager { id name active } operationsManager { id name active } } }\n    }\n  }\n": typeof types.ClientsDocument,
    "\n  fragment ContactRow on Contact { id version name position email phone }\n": typeof types.ContactRowFragmentDoc,
    "\n  mutation CreateContact($input: CreateContactInput!) {\n    createContact(input: $input) { id client { id } }\n  }\n": typeof types.CreateContactDocument,
    "\n  mutation UpdateContact($id: ID!, $input: UpdateContactInput!, $expectedVersion: Int) {\n    updateContact(id: $id, input: $input, expectedVersion: $expectedVersion) { ...ContactRow }\n  }\n": typeof types.UpdateContactDocument,
    "\n  query ClientNames {\n    clients(first: 1000, orderBy: [{field: NAME}]) { edges { node { id name accountManagerID operationsManagerID } } }\n  }\n": typeof types.ClientNamesDocument,
    "\n  query ManagerChoices($role: ManagerRole!) {\n    managers(first: 1000, where: {role: $role, active: true}, orderBy: [{field: NAME}]) { edges { node { id name } } }\n  }\n": typeof types.ManagerChoicesDocument,
    "\n  fragment PipelineCard on Tender {\n    id version reference title stage estimatedValue currency winProbability submissionDeadline\n    client { id name accountManagerID }\n    owner { id name }\n  }\n": typeof types.PipelineCardFragmentDoc,
    "\n  query Pipeline(\n    $identified: TenderWhereInput!, $qualifying: TenderWhereInput!, $preparing: TenderWhereInput!,\n    $submitted: TenderWhereInput!, $negotiation: TenderWhereInput!, $won: TenderWhereInput!,\n    $lost: TenderWhereInput!, $withdrawn: TenderWhereInput!, $all: TenderWhereInput!,\n    $nIdentified: Int!, $nQualifying: Int!, $nPreparing: Int!, $nSubmitted: Int!,\n    $nNegotiation: Int!, $nWon: Int!, $nLost: Int!, $nWithdrawn: Int!\n  ) {\n    identified: tenders(where: $identified, first: $nIdentified, orderBy: [{field: SUBMISSION_DEADLINE}]) { totalCount edges { node { ...PipelineCard } } }\n    qualifying: tenders(where: $qualifying, first: $nQualifying, orderBy: [{field: SUBMISSION_DEADLINE}]) { totalCount edges { node { ...PipelineCard } } }\n    preparing: tenders(where: $preparing, first: $nPreparing, orderBy: [{field: SUBMISSION_DEADLINE}]) { totalCount edges { node { ...PipelineCard } } }\n    submitted: tenders(where: $submitted, first: $nSubmitted, orderBy: [{field: SUBMISSION_DEADLINE}]) { totalCount edges { node { ...PipelineCard } } }\n    negotiation: tenders(where: $negotiation, first: $nNegotiation, orderBy: [{field: SUBMISSION_DEADLINE}]) { totalCount edges { node { ...PipelineCard } } }\n    won: tenders(where: $won, first: $nWon, orderBy: [{field: SUBMISSION_DEADLINE, direction: DESC}]) { totalCount edges { node { ...PipelineCard } } }\n    lost: tenders(where: $lost, first: $nLost, orderBy: [{field: SUBMISSION_DEADLINE, direction: DESC}]) { totalCount edges { node { ...PipelineCard } } }\n    withdrawn: tenders(where: $withdrawn, first: $nWithdrawn, orderBy: [{field: SUBMISSION_DEADLINE, direction: DESC}]) { totalCount edges { node { ...PipelineCard } } }\n    tenderTotals(where: $all) { stage currency count value weightedValue }\n  }\n": typeof types.PipelineDocument,
    "\n  mutation MoveTender($id: ID!, $stage: TenderStage!, $lostReason: String, $expectedVersion: Int) {\n    moveTender(id: $id, stage: $stage, lostReason: $lostReason, expectedVersion: $expectedVersion) {\n      ...PipelineCard\n      submittedAt decidedAt lostReason\n    }\n  }\n": typeof types.MoveTenderDocument,
    "\n  fragment LaneRow on Lane {\n    id version origin destination mode yearlyVolume volumeUnit currency targetRate offeredRate\n  }\n": typeof types.LaneRowFragmentDoc,
    "\n  mutation CreateLane($input: CreateLaneInput!) {\n    createLane(input: $input) { id tender { id } }\n  }\n": typeof types.CreateLaneDocument,
    "\n  mutation UpdateLane($id: ID!, $input: UpdateLaneInput!, $expectedVersion: Int) {\n    updateLane(id: $id, input: $input, expectedVersion: $expectedVersion) { ...LaneRow }\n  }\n": typeof types.UpdateLaneDocument,
    "\n  query TenderForm($id: ID!) {\n    node(id: $id) {\n      __typename\n      ... on Tender {\n        id version reference title stage estimatedValue currency winProbability submissionDeadline\n        client { id name accountManagerID }\n        owner { id name }\n      }\n    }\n  }\n": typeof types.TenderFormDocument,
    "\n  mutation CreateTender($input: CreateTenderInput!) {\n    createTender(input: $input) { id reference client { id } }\n  }\n": typeof types.CreateTenderDocument,
    "\n  mutation UpdateTender($id: ID!, $input: UpdateTenderInput!, $expectedVersion: Int) {\n    updateTender(id: $id, input: $input, expectedVersion: $expectedVersion) {\n      id version reference title estimatedValue currency winProbability weightedValue submissionDeadline\n      client { id name }\n      owner { id name }\n    }\n  }\n": typeof types.UpdateTenderDocument,
    "\n  query TenderPage($id: ID!) {\n    node(id: $id) {\n      __typename\n      ... on Tender {\n        id version reference title stage estimatedValue currency winProbability weightedValue\n        submissionDeadline submittedAt decidedAt lostReason\n        client { id name accountManagerID }\n        owner { id name }\n        lanes(first: 500, orderBy: [{field: CREATED_AT}]) {\n          totalCount\n          edges { node { ...LaneRow } }\n        }\n        stageHistory(first: 200, orderBy: [{field: AT, direction: DESC}]) {\n          edges { node { id from to at note movedBy { id name } } }\n        }\n      }\n    }\n  }\n": typeof types.TenderPageDocument,
};
const documents: Documents = {
    "\n  query Viewer {\n    viewer { id name email role }\n  }\n": types.ViewerDocument,
    "\n  query ClientForm($id: ID!) {\n    node(id: $id) {\n      __typename\n      ... on Client {\n        id version name industry country city status accountManagerID operationsManagerID\n        accountManager { id name }\n        operationsManager { id name }\n      }\n    }\n  }\n": types.ClientFormDocument,
    "\n  mutation CreateClient($input: CreateClientInput!) {\n    createClient(input: $input) { id name }\n  }\n": types.CreateClientDocument,
    "\n  mutation UpdateClient($id: ID!, $input: UpdateClientInput!, $expectedVersion: Int) {\n    updateClient(id: $id, input: $input, expectedVersion: $expectedVersion) {\n      id version name industry country city status accountManagerID operationsManagerID\n      accountManager { id name }\n      operationsManager { id name }\n    }\n  }\n": types.UpdateClientDocument,
    "\n  query ClientPage($id: ID!) {\n    node(id: $id) {\n      __typename\n      ... on Client {\n        id version name industry country city status\n        accountManager { id name email active }\n        operationsManager { id name email active }\n        contacts(first: 200, orderBy: [{field: NAME}]) { edges { node { ...ContactRow } } }\n        tenders(first: 200, orderBy: [{field: SUBMISSION_DEADLINE, direction: DESC}]) {\n          totalCount\n          edges { node { id reference title stage estimatedValue currency winProbability submissionDeadline } }\n        }\n      }\n    }\n  }\n": types.ClientPageDocument,
    "\n  query Clients($where: ClientWhereInput, $first: Int!) {\n    clients(where: $where, first: $first, orderBy: [{field: NAME}]) {\n      totalCount\n      edges { node { id name industry city country status accountManager { id name active } operationsManager { id name active } } }\n    }\n  }\n": types.ClientsDocument,
    "\n  fragment ContactRow on Contact { id version name position email phone }\n": types.ContactRowFragmentDoc,
    "\n  mutation CreateContact($input: CreateContactInput!) {\n    createContact(input: $input) { id client { id } }\n  }\n": types.CreateContactDocument,
    "\n  mutation UpdateContact($id: ID!, $input: UpdateContactInput!, $expectedVersion: Int) {\n    updateContact(id: $id, input: $input, expectedVersion: $expectedVersion) { ...ContactRow }\n  }\n": types.UpdateContactDocument,
    "\n  query ClientNames {\n    clients(first: 1000, orderBy: [{field: NAME}]) { edges { node { id name accountManagerID operationsManagerID } } }\n  }\n": types.ClientNamesDocument,
    "\n  query ManagerChoices($role: ManagerRole!) {\n    managers(first: 1000, where: {role: $role, active: true}, orderBy: [{field: NAME}]) { edges { node { id name } } }\n  }\n": types.ManagerChoicesDocument,
    "\n  fragment PipelineCard on Tender {\n    id version reference title stage estimatedValue currency winProbability submissionDeadline\n    client { id name accountManagerID }\n    owner { id name }\n  }\n": types.PipelineCardFragmentDoc,
    "\n  query Pipeline(\n    $identified: TenderWhereInput!, $qualifying: TenderWhereInput!, $preparing: TenderWhereInput!,\n    $submitted: TenderWhereInput!, $negotiation: TenderWhereInput!, $won: TenderWhereInput!,\n    $lost: TenderWhereInput!, $withdrawn: TenderWhereInput!, $all: TenderWhereInput!,\n    $nIdentified: Int!, $nQualifying: Int!, $nPreparing: Int!, $nSubmitted: Int!,\n    $nNegotiation: Int!, $nWon: Int!, $nLost: Int!, $nWithdrawn: Int!\n  ) {\n    identified: tenders(where: $identified, first: $nIdentified, orderBy: [{field: SUBMISSION_DEADLINE}]) { totalCount edges { node { ...PipelineCard } } }\n    qualifying: tenders(where: $qualifying, first: $nQualifying, orderBy: [{field: SUBMISSION_DEADLINE}]) { totalCount edges { node { ...PipelineCard } } }\n    preparing: tenders(where: $preparing, first: $nPreparing, orderBy: [{field: SUBMISSION_DEADLINE}]) { totalCount edges { node { ...PipelineCard } } }\n    submitted: tenders(where: $submitted, first: $nSubmitted, orderBy: [{field: SUBMISSION_DEADLINE}]) { totalCount edges { node { ...PipelineCard } } }\n    negotiation: tenders(where: $negotiation, first: $nNegotiation, orderBy: [{field: SUBMISSION_DEADLINE}]) { totalCount edges { node { ...PipelineCard } } }\n    won: tenders(where: $won, first: $nWon, orderBy: [{field: SUBMISSION_DEADLINE, direction: DESC}]) { totalCount edges { node { ...PipelineCard } } }\n    lost: tenders(where: $lost, first: $nLost, orderBy: [{field: SUBMISSION_DEADLINE, direction: DESC}]) { totalCount edges { node { ...PipelineCard } } }\n    withdrawn: tenders(where: $withdrawn, first: $nWithdrawn, orderBy: [{field: SUBMISSION_DEADLINE, direction: DESC}]) { totalCount edges { node { ...PipelineCard } } }\n    tenderTotals(where: $all) { stage currency count value weightedValue }\n  }\n": types.PipelineDocument,
    "\n  mutation MoveTender($id: ID!, $stage: TenderStage!, $lostReason: String, $expectedVersion: Int) {\n    moveTender(id: $id, stage: $stage, lostReason: $lostReason, expectedVersion: $expectedVersion) {\n      ...PipelineCard\n      submittedAt decidedAt lostReason\n    }\n  }\n": types.MoveTenderDocument,
    "\n  fragment LaneRow on Lane {\n    id version origin destination mode yearlyVolume volumeUnit currency targetRate offeredRate\n  }\n": types.LaneRowFragmentDoc,
    "\n  mutation CreateLane($input: CreateLaneInput!) {\n    createLane(input: $input) { id tender { id } }\n  }\n": types.CreateLaneDocument,
    "\n  mutation UpdateLane($id: ID!, $input: UpdateLaneInput!, $expectedVersion: Int) {\n    updateLane(id: $id, input: $input, expectedVersion: $expectedVersion) { ...LaneRow }\n  }\n": types.UpdateLaneDocument,
    "\n  query TenderForm($id: ID!) {\n    node(id: $id) {\n      __typename\n      ... on Tender {\n        id version reference title stage estimatedValue currency winProbability submissionDeadline\n        client { id name accountManagerID }\n        owner { id name }\n      }\n    }\n  }\n": types.TenderFormDocument,
    "\n  mutation CreateTender($input: CreateTenderInput!) {\n    createTender(input: $input) { id reference client { id } }\n  }\n": types.CreateTenderDocument,
    "\n  mutation UpdateTender($id: ID!, $input: UpdateTenderInput!, $expectedVersion: Int) {\n    updateTender(id: $id, input: $input, expectedVersion: $expectedVersion) {\n      id version reference title estimatedValue currency winProbability weightedValue submissionDeadline\n      client { id name }\n      owner { id name }\n    }\n  }\n": types.UpdateTenderDocument,
    "\n  query TenderPage($id: ID!) {\n    node(id: $id) {\n      __typename\n      ... on Tender {\n        id version reference title stage estimatedValue currency winProbability weightedValue\n        submissionDeadline submittedAt decidedAt lostReason\n        client { id name accountManagerID }\n        owner { id name }\n        lanes(first: 500, orderBy: [{field: CREATED_AT}]) {\n          totalCount\n          edges { node { ...LaneRow } }\n        }\n        stageHistory(first: 200, orderBy: [{field: AT, direction: DESC}]) {\n          edges { node { id from to at note movedBy { id name } } }\n        }\n      }\n    }\n  }\n": types.TenderPageDocument,
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
export function graphql(source: "\n  query Viewer {\n    viewer { id name email role }\n  }\n"): (typeof documents)["\n  query Viewer {\n    viewer { id name email role }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ClientForm($id: ID!) {\n    node(id: $id) {\n      __typename\n      ... on Client {\n        id version name industry country city status accountManagerID operationsManagerID\n        accountManager { id name }\n        operationsManager { id name }\n      }\n    }\n  }\n"): (typeof documents)["\n  query ClientForm($id: ID!) {\n    node(id: $id) {\n      __typename\n      ... on Client {\n        id version name industry country city status accountManagerID operationsManagerID\n        accountManager { id name }\n        operationsManager { id name }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateClient($input: CreateClientInput!) {\n    createClient(input: $input) { id name }\n  }\n"): (typeof documents)["\n  mutation CreateClient($input: CreateClientInput!) {\n    createClient(input: $input) { id name }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateClient($id: ID!, $input: UpdateClientInput!, $expectedVersion: Int) {\n    updateClient(id: $id, input: $input, expectedVersion: $expectedVersion) {\n      id version name industry country city status accountManagerID operationsManagerID\n      accountManager { id name }\n      operationsManager { id name }\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateClient($id: ID!, $input: UpdateClientInput!, $expectedVersion: Int) {\n    updateClient(id: $id, input: $input, expectedVersion: $expectedVersion) {\n      id version name industry country city status accountManagerID operationsManagerID\n      accountManager { id name }\n      operationsManager { id name }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ClientPage($id: ID!) {\n    node(id: $id) {\n      __typename\n      ... on Client {\n        id version name industry country city status\n        accountManager { id name email active }\n        operationsManager { id name email active }\n        contacts(first: 200, orderBy: [{field: NAME}]) { edges { node { ...ContactRow } } }\n        tenders(first: 200, orderBy: [{field: SUBMISSION_DEADLINE, direction: DESC}]) {\n          totalCount\n          edges { node { id reference title stage estimatedValue currency winProbability submissionDeadline } }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query ClientPage($id: ID!) {\n    node(id: $id) {\n      __typename\n      ... on Client {\n        id version name industry country city status\n        accountManager { id name email active }\n        operationsManager { id name email active }\n        contacts(first: 200, orderBy: [{field: NAME}]) { edges { node { ...ContactRow } } }\n        tenders(first: 200, orderBy: [{field: SUBMISSION_DEADLINE, direction: DESC}]) {\n          totalCount\n          edges { node { id reference title stage estimatedValue currency winProbability submissionDeadline } }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Clients($where: ClientWhereInput, $first: Int!) {\n    clients(where: $where, first: $first, orderBy: [{field: NAME}]) {\n      totalCount\n      edges { node { id name industry city country status accountManager { id name active } operationsManager { id name active } } }\n    }\n  }\n"): (typeof documents)["\n  query Clients($where: ClientWhereInput, $first: Int!) {\n    clients(where: $where, first: $first, orderBy: [{field: NAME}]) {\n      totalCount\n      edges { node { id name industry city country status accountManager { id name active } operationsManager { id name active } } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ContactRow on Contact { id version name position email phone }\n"): (typeof documents)["\n  fragment ContactRow on Contact { id version name position email phone }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateContact($input: CreateContactInput!) {\n    createContact(input: $input) { id client { id } }\n  }\n"): (typeof documents)["\n  mutation CreateContact($input: CreateContactInput!) {\n    createContact(input: $input) { id client { id } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateContact($id: ID!, $input: UpdateContactInput!, $expectedVersion: Int) {\n    updateContact(id: $id, input: $input, expectedVersion: $expectedVersion) { ...ContactRow }\n  }\n"): (typeof documents)["\n  mutation UpdateContact($id: ID!, $input: UpdateContactInput!, $expectedVersion: Int) {\n    updateContact(id: $id, input: $input, expectedVersion: $expectedVersion) { ...ContactRow }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ClientNames {\n    clients(first: 1000, orderBy: [{field: NAME}]) { edges { node { id name accountManagerID operationsManagerID } } }\n  }\n"): (typeof documents)["\n  query ClientNames {\n    clients(first: 1000, orderBy: [{field: NAME}]) { edges { node { id name accountManagerID operationsManagerID } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ManagerChoices($role: ManagerRole!) {\n    managers(first: 1000, where: {role: $role, active: true}, orderBy: [{field: NAME}]) { edges { node { id name } } }\n  }\n"): (typeof documents)["\n  query ManagerChoices($role: ManagerRole!) {\n    managers(first: 1000, where: {role: $role, active: true}, orderBy: [{field: NAME}]) { edges { node { id name } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment PipelineCard on Tender {\n    id version reference title stage estimatedValue currency winProbability submissionDeadline\n    client { id name accountManagerID }\n    owner { id name }\n  }\n"): (typeof documents)["\n  fragment PipelineCard on Tender {\n    id version reference title stage estimatedValue currency winProbability submissionDeadline\n    client { id name accountManagerID }\n    owner { id name }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Pipeline(\n    $identified: TenderWhereInput!, $qualifying: TenderWhereInput!, $preparing: TenderWhereInput!,\n    $submitted: TenderWhereInput!, $negotiation: TenderWhereInput!, $won: TenderWhereInput!,\n    $lost: TenderWhereInput!, $withdrawn: TenderWhereInput!, $all: TenderWhereInput!,\n    $nIdentified: Int!, $nQualifying: Int!, $nPreparing: Int!, $nSubmitted: Int!,\n    $nNegotiation: Int!, $nWon: Int!, $nLost: Int!, $nWithdrawn: Int!\n  ) {\n    identified: tenders(where: $identified, first: $nIdentified, orderBy: [{field: SUBMISSION_DEADLINE}]) { totalCount edges { node { ...PipelineCard } } }\n    qualifying: tenders(where: $qualifying, first: $nQualifying, orderBy: [{field: SUBMISSION_DEADLINE}]) { totalCount edges { node { ...PipelineCard } } }\n    preparing: tenders(where: $preparing, first: $nPreparing, orderBy: [{field: SUBMISSION_DEADLINE}]) { totalCount edges { node { ...PipelineCard } } }\n    submitted: tenders(where: $submitted, first: $nSubmitted, orderBy: [{field: SUBMISSION_DEADLINE}]) { totalCount edges { node { ...PipelineCard } } }\n    negotiation: tenders(where: $negotiation, first: $nNegotiation, orderBy: [{field: SUBMISSION_DEADLINE}]) { totalCount edges { node { ...PipelineCard } } }\n    won: tenders(where: $won, first: $nWon, orderBy: [{field: SUBMISSION_DEADLINE, direction: DESC}]) { totalCount edges { node { ...PipelineCard } } }\n    lost: tenders(where: $lost, first: $nLost, orderBy: [{field: SUBMISSION_DEADLINE, direction: DESC}]) { totalCount edges { node { ...PipelineCard } } }\n    withdrawn: tenders(where: $withdrawn, first: $nWithdrawn, orderBy: [{field: SUBMISSION_DEADLINE, direction: DESC}]) { totalCount edges { node { ...PipelineCard } } }\n    tenderTotals(where: $all) { stage currency count value weightedValue }\n  }\n"): (typeof documents)["\n  query Pipeline(\n    $identified: TenderWhereInput!, $qualifying: TenderWhereInput!, $preparing: TenderWhereInput!,\n    $submitted: TenderWhereInput!, $negotiation: TenderWhereInput!, $won: TenderWhereInput!,\n    $lost: TenderWhereInput!, $withdrawn: TenderWhereInput!, $all: TenderWhereInput!,\n    $nIdentified: Int!, $nQualifying: Int!, $nPreparing: Int!, $nSubmitted: Int!,\n    $nNegotiation: Int!, $nWon: Int!, $nLost: Int!, $nWithdrawn: Int!\n  ) {\n    identified: tenders(where: $identified, first: $nIdentified, orderBy: [{field: SUBMISSION_DEADLINE}]) { totalCount edges { node { ...PipelineCard } } }\n    qualifying: tenders(where: $qualifying, first: $nQualifying, orderBy: [{field: SUBMISSION_DEADLINE}]) { totalCount edges { node { ...PipelineCard } } }\n    preparing: tenders(where: $preparing, first: $nPreparing, orderBy: [{field: SUBMISSION_DEADLINE}]) { totalCount edges { node { ...PipelineCard } } }\n    submitted: tenders(where: $submitted, first: $nSubmitted, orderBy: [{field: SUBMISSION_DEADLINE}]) { totalCount edges { node { ...PipelineCard } } }\n    negotiation: tenders(where: $negotiation, first: $nNegotiation, orderBy: [{field: SUBMISSION_DEADLINE}]) { totalCount edges { node { ...PipelineCard } } }\n    won: tenders(where: $won, first: $nWon, orderBy: [{field: SUBMISSION_DEADLINE, direction: DESC}]) { totalCount edges { node { ...PipelineCard } } }\n    lost: tenders(where: $lost, first: $nLost, orderBy: [{field: SUBMISSION_DEADLINE, direction: DESC}]) { totalCount edges { node { ...PipelineCard } } }\n    withdrawn: tenders(where: $withdrawn, first: $nWithdrawn, orderBy: [{field: SUBMISSION_DEADLINE, direction: DESC}]) { totalCount edges { node { ...PipelineCard } } }\n    tenderTotals(where: $all) { stage currency count value weightedValue }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MoveTender($id: ID!, $stage: TenderStage!, $lostReason: String, $expectedVersion: Int) {\n    moveTender(id: $id, stage: $stage, lostReason: $lostReason, expectedVersion: $expectedVersion) {\n      ...PipelineCard\n      submittedAt decidedAt lostReason\n    }\n  }\n"): (typeof documents)["\n  mutation MoveTender($id: ID!, $stage: TenderStage!, $lostReason: String, $expectedVersion: Int) {\n    moveTender(id: $id, stage: $stage, lostReason: $lostReason, expectedVersion: $expectedVersion) {\n      ...PipelineCard\n      submittedAt decidedAt lostReason\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment LaneRow on Lane {\n    id version origin destination mode yearlyVolume volumeUnit currency targetRate offeredRate\n  }\n"): (typeof documents)["\n  fragment LaneRow on Lane {\n    id version origin destination mode yearlyVolume volumeUnit currency targetRate offeredRate\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateLane($input: CreateLaneInput!) {\n    createLane(input: $input) { id tender { id } }\n  }\n"): (typeof documents)["\n  mutation CreateLane($input: CreateLaneInput!) {\n    createLane(input: $input) { id tender { id } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateLane($id: ID!, $input: UpdateLaneInput!, $expectedVersion: Int) {\n    updateLane(id: $id, input: $input, expectedVersion: $expectedVersion) { ...LaneRow }\n  }\n"): (typeof documents)["\n  mutation UpdateLane($id: ID!, $input: UpdateLaneInput!, $expectedVersion: Int) {\n    updateLane(id: $id, input: $input, expectedVersion: $expectedVersion) { ...LaneRow }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TenderForm($id: ID!) {\n    node(id: $id) {\n      __typename\n      ... on Tender {\n        id version reference title stage estimatedValue currency winProbability submissionDeadline\n        client { id name accountManagerID }\n        owner { id name }\n      }\n    }\n  }\n"): (typeof documents)["\n  query TenderForm($id: ID!) {\n    node(id: $id) {\n      __typename\n      ... on Tender {\n        id version reference title stage estimatedValue currency winProbability submissionDeadline\n        client { id name accountManagerID }\n        owner { id name }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateTender($input: CreateTenderInput!) {\n    createTender(input: $input) { id reference client { id } }\n  }\n"): (typeof documents)["\n  mutation CreateTender($input: CreateTenderInput!) {\n    createTender(input: $input) { id reference client { id } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateTender($id: ID!, $input: UpdateTenderInput!, $expectedVersion: Int) {\n    updateTender(id: $id, input: $input, expectedVersion: $expectedVersion) {\n      id version reference title estimatedValue currency winProbability weightedValue submissionDeadline\n      client { id name }\n      owner { id name }\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateTender($id: ID!, $input: UpdateTenderInput!, $expectedVersion: Int) {\n    updateTender(id: $id, input: $input, expectedVersion: $expectedVersion) {\n      id version reference title estimatedValue currency winProbability weightedValue submissionDeadline\n      client { id name }\n      owner { id name }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TenderPage($id: ID!) {\n    node(id: $id) {\n      __typename\n      ... on Tender {\n        id version reference title stage estimatedValue currency winProbability weightedValue\n        submissionDeadline submittedAt decidedAt lostReason\n        client { id name accountManagerID }\n        owner { id name }\n        lanes(first: 500, orderBy: [{field: CREATED_AT}]) {\n          totalCount\n          edges { node { ...LaneRow } }\n        }\n        stageHistory(first: 200, orderBy: [{field: AT, direction: DESC}]) {\n          edges { node { id from to at note movedBy { id name } } }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query TenderPage($id: ID!) {\n    node(id: $id) {\n      __typename\n      ... on Tender {\n        id version reference title stage estimatedValue currency winProbability weightedValue\n        submissionDeadline submittedAt decidedAt lostReason\n        client { id name accountManagerID }\n        owner { id name }\n        lanes(first: 500, orderBy: [{field: CREATED_AT}]) {\n          totalCount\n          edges { node { ...LaneRow } }\n        }\n        stageHistory(first: 200, orderBy: [{field: AT, direction: DESC}]) {\n          edges { node { id from to at note movedBy { id name } } }\n        }\n      }\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;