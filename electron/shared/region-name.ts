/**
 * The shape of an AWS Region name ("eu-west-1", "ap-southeast-2", "us-gov-west-1"): lower-case parts and a
 * number. Checked before any call so a typo ("eu-west", "US-EAST-1") is refused in words, not by a DNS
 * failure. Whether the Region exists or is enabled is KMS's answer, not this pattern's.
 */
export const AWS_REGION_NAME = /^[a-z]{2}(-[a-z]+)+-\d+$/;
