package v1beta1

// GroupName is the group name of this package.
const GroupName = "widgets.example.io"
